import type { FeedbackCategory } from '../../catalogue/feedback.ts';
import { FEEDBACK_RATINGS } from '../../catalogue/feedback.ts';
import { MAX_DESCRIPTION, MAX_PHOTO_BYTES, MAX_PHOTOS } from '../../services/public/feedback.ts';
import { MAX_RATING_COMMENT, type FeedbackStatus } from '../../services/public/feedback-status.ts';
import type { PortalTownship } from '../../services/public/portal.ts';
import { chineseDay, html, type Html } from './html.ts';
import { portalPath, type PortalCounty } from './layout.ts';

const message = html`<div class="form-message" tabindex="-1" hidden></div>`;

/** The form a resident reports a problem with: no account, a proof of work, photos after the submission. */
export function feedbackForm(
  county: PortalCounty,
  categories: readonly FeedbackCategory[],
  townships: readonly PortalTownship[],
): Html {
  return html`<h1>反映问题</h1>
    <section class="card">
      <p class="meta">
        您反映的问题转由问题发生地的乡镇（街道）办理：矛盾纠纷由人民调解组织调处，一般一个月内调结；信访事项自收到之日起15日内告知是否受理。提交后获得查询码，凭码查看进度，办结后可以评价。
      </p>
      <form
        data-submit="/api/public/feedback"
        data-next="${portalPath(county, 'feedback/status?code={code}')}"
        data-upload="/api/public/feedback/{code}/photos"
      >
        <input type="hidden" name="county" value="${county.code}" />
        <label for="category">问题类别</label>
        <select id="category" name="category" required>
          <option value="">请选择</option>
          ${categories.map((c) => html`<option value="${c.id}">${c.label}</option>`)}
        </select>
        <label for="place"
          >发生地点<span class="hint">选择所在村（社区）；不清楚所属村的，可只选乡镇（街道）</span></label
        >
        <select id="place" name="place" required>
          <option value="">请选择</option>
          ${townships.map(
            (t) =>
              html`<optgroup label="${t.name}">
                <option value="t${t.id}">${t.name}（未选村）</option>
                ${t.villages.map((v) => html`<option value="v${v.id}">${v.name}</option>`)}
              </optgroup>`,
          )}
        </select>
        <label for="description"
          >问题描述<span class="hint"
            >发生了什么、涉及哪些人或事、希望怎样解决；不超过${MAX_DESCRIPTION}字</span
          ></label
        >
        <textarea id="description" name="description" required maxlength="${MAX_DESCRIPTION}"></textarea>
        <label for="photos"
          >照片（可选）<span class="hint"
            >最多${MAX_PHOTOS}张，JPEG、PNG 或 WebP 格式，每张不超过${MAX_PHOTO_BYTES / 1048576} MB</span
          ></label
        >
        <input
          type="file"
          id="photos"
          name="photos"
          accept="image/jpeg,image/png,image/webp"
          multiple
          data-max-files="${MAX_PHOTOS}"
          data-max-bytes="${MAX_PHOTO_BYTES}"
        />
        <label for="name">联系人（可选）</label>
        <input type="text" id="name" name="name" maxlength="30" autocomplete="name" />
        <label for="phone">联系电话<span class="hint">仅供工作人员与您联系，不会公开</span></label>
        <input
          type="tel"
          id="phone"
          name="phone"
          required
          maxlength="20"
          autocomplete="tel"
          inputmode="tel"
        />
        ${message}
        <button type="submit">提交</button>
      </form>
    </section>`;
}

function ratingPart(county: PortalCounty, code: string, s: FeedbackStatus): Html {
  if (s.rating)
    return html`<section class="card">
      <h2>您的评价</h2>
      <p>
        <span class="tag${s.rating.value === 'dissatisfied' ? '' : ' ok'}">${s.rating.label}</span
        ><span class="meta">${chineseDay(s.rating.on)}评价</span>
      </p>
      <p class="meta">感谢您的评价，评价结果计入满意率统计。</p>
    </section>`;
  if (!s.canRate)
    return html`<section class="card"><p class="meta">办结后可以在本页对办理结果进行评价。</p></section>`;
  return html`<section class="card">
    <h2>评价办理结果</h2>
    <form
      data-submit="/api/public/feedback/${code}/rating"
      data-next="${portalPath(county, 'feedback/status?code={code}')}"
    >
      <fieldset class="choices">
        <legend>您对办理结果是否满意？</legend>
        ${FEEDBACK_RATINGS.map(
          (r, i) =>
            html`<label
              ><input type="radio" name="rating" value="${r.value}" ${i === 0 ? html` required` : ''} />
              ${r.label}</label
            >`,
        )}
      </fieldset>
      <label for="comment">评价意见（可选）<span class="hint">不超过${MAX_RATING_COMMENT}字</span></label>
      <textarea id="comment" name="comment" maxlength="${MAX_RATING_COMMENT}"></textarea>
      ${message}
      <button type="submit">提交评价</button>
    </form>
  </section>`;
}

/** A feedback's progress: where it is handled, its state and due date, the steps so far, the rating. */
export function feedbackStatusPage(county: PortalCounty, code: string, s: FeedbackStatus): Html {
  const fact = (label: string, value: Html | string) =>
    html`<div>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  return html`<h1>诉求办理进度</h1>
    <section class="card">
      <p class="meta">查询码（请妥善保存，凭此码查询进度和评价）</p>
      <div class="code">${code}</div>
      <button type="button" class="secondary" data-copy="${code}">复制查询码</button>
    </section>
    <section class="card">
      <dl class="fact-rows">
        ${fact('办理单位', s.village ? `${s.township}（${s.village}）` : s.township)}
        ${fact('问题类别', s.category)} ${fact('办理方式', s.caseType)}
        ${fact('提交日期', chineseDay(s.submittedOn))}
        ${fact('当前状态', html`<span class="tag ${s.closed ? 'ok' : 'wait'}">${s.stateLabel}</span>`)}
        ${s.closed ? fact('办结日期', chineseDay(s.closedOn) || '—') : fact('办理期限', s.due ? chineseDay(s.due) : '—')}
      </dl>
      <h2>办理经过</h2>
      <ol class="steps">
        ${s.steps.map(
          (st) =>
            html`<li>
              <strong>${st.label}</strong>
              <div class="meta">${chineseDay(st.date)}</div>
            </li>`,
        )}
      </ol>
    </section>
    ${ratingPart(county, code, s)}`;
}
