import { LIMITS } from '../../services/public/disclosure-form.ts';
import type { DisclosureStatus } from '../../services/public/disclosure-status.ts';
import type { Org } from '../../services/orgs.ts';
import { chineseDay, html, paragraphs, type Html } from './html.ts';
import { portalPath, codeForm } from './layout.ts';

/** A code as shown: four groups of four (the form the applicant was given). */
export const showCode = (normalised: string): string => normalised.replace(/(.{4})(?=.)/g, '$1-');

export const statusUrl = (county: Org, code: string): string =>
  `${portalPath(county, 'disclosure/status')}?code=${encodeURIComponent(code)}`;

const replyApi = (code: string): string => `/api/public/disclosure-requests/${encodeURIComponent(code)}`;

const size = (n: number): string =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1048576).toFixed(1)} MB`;

const tagClass = (s: DisclosureStatus): string =>
  s.state === 'replied' ? 'tag ok' : s.state === 'correction' ? 'tag' : 'tag wait';

/** The date that matters now, and why (政府信息公开条例 第30条、第33条). */
function dueBlock(s: DisclosureStatus): Html {
  if (s.paused)
    return html`<p>
      ${s.state === 'consulting' ? '正在征求第三方意见' : '正在征求其他机关意见'}。依照《政府信息公开条例》第三十三条第二款，征求意见所需时间不计算在答复期限内，答复期限暂停计算，恢复后顺延。
    </p>`;
  if (!s.replyDue) return html``;
  const from = s.correctedOn
    ? `自收到补正后的申请之日（${chineseDay(s.correctedOn)}）起重新计算，20个工作日（条例第三十条、第三十三条）`
    : '自收到申请之日起20个工作日（条例第三十三条）';
  return html`<p class="meta">${s.extension ? '延长后的答复期限' : '答复期限'}</p>
    <p class="due" data-testid="reply-due">${chineseDay(s.replyDue)}</p>
    <p class="meta">
      ${from}${s.extension ? `，经批准延长${s.extension.days ?? ''}个工作日` : ''}${s.dueNote ? `（${s.dueNote}）` : ''}
    </p>
    ${
      s.extension
        ? html`<div class="quote">
            <p>${chineseDay(s.extension.on)}，受理机关延长答复期限。延长理由：</p>
            ${paragraphs(s.extension.reason)}
          </div>`
        : ''
    }`;
}

function stateBlock(county: Org, code: string, s: DisclosureStatus): Html {
  switch (s.state) {
    case 'received':
    case 'consulting':
    case 'consulting_organ':
      return dueBlock(s);
    case 'correction':
      return html`<p>
          受理机关于${chineseDay(s.correction?.askedOn)}告知：申请内容需要补正。需要补正的事项：
        </p>
        <div class="quote" data-testid="correction-what">${paragraphs(s.correction?.what ?? '')}</div>
        ${
          s.correction?.due
            ? html`<p class="meta">补正期限</p>
                <p class="due">${chineseDay(s.correction.due)}</p>`
            : ''
        }
        <p class="meta">
          请在补正期限内提交补正。收到补正后，答复期限重新计算；无正当理由逾期不补正的，视为放弃申请（条例第三十条）。
        </p>`;
    case 'replied':
      return html`<dl class="facts">
          <dt>答复日期</dt>
          <dd>${chineseDay(s.reply?.on)}</dd>
          <dt>答复类型</dt>
          <dd>${s.reply?.typeLabel ?? '—'}</dd>
        </dl>
        ${
          s.reply?.document
            ? html`<p><a class="button" href="${replyApi(code)}/reply" download>下载答复文书</a></p>
                <p class="meta">${s.reply.document.fileName}（${size(s.reply.document.size)}）</p>`
            : html`<p class="meta">答复文书按您选择的获取方式送达。</p>`
        }`;
    case 'lapsed':
      return html`<p>
        逾期未补正，视为放弃申请（条例第三十条）。如仍需要该信息，可以<a
          href="${portalPath(county, 'disclosure/apply')}"
          >重新提出申请</a
        >。
      </p>`;
  }
}

function correctionForm(county: Org, code: string): Html {
  return html`<form
    class="card"
    data-submit="${replyApi(code)}/correction"
    data-next="${statusUrl(county, code)}"
  >
    <h2>提交补正</h2>
    <label for="correction-description"
      >补正后的申请内容<span class="hint"
        >按上面告知的事项，重新写明所需信息的名称、文号或者特征性描述</span
      ></label
    >
    <textarea
      id="correction-description"
      name="description"
      maxlength="${LIMITS.description}"
      required
    ></textarea>
    <label for="correction-note">补充说明（选填）</label>
    <textarea id="correction-note" name="note" maxlength="${LIMITS.note}"></textarea>
    <div class="form-message" tabindex="-1" hidden></div>
    <button type="submit">提交补正</button>
  </form>`;
}

/** A request's progress: the code (once, just after filing), the status with its date, the steps. */
export function statusBody(county: Org, code: string, s: DisclosureStatus, fresh: boolean): Html {
  return html`<h1>政府信息公开申请进度</h1>
    ${
      fresh
        ? html`<section class="card">
            <h2>申请已提交</h2>
            <p>请抄下或截图保存查询码。凭查询码查看办理进度、提交补正和下载答复；查询码遗失后无法找回。</p>
            <p class="code" data-testid="tracking-code">${code}</p>
            <button type="button" class="secondary" data-copy="${code}">复制查询码</button>
          </section>`
        : ''
    }
    <section class="card">
      <p><span class="${tagClass(s)}" data-testid="state">${s.stateLabel}</span></p>
      <dl class="facts">
        <dt>受理机关</dt>
        <dd>${s.township}</dd>
        <dt>申请人</dt>
        <dd>${s.applicant}</dd>
        <dt>收到申请</dt>
        <dd>${chineseDay(s.receivedOn)}</dd>
        ${
          s.correctedOn
            ? html`<dt>收到补正</dt>
                <dd>${chineseDay(s.correctedOn)}</dd>`
            : ''
        }
      </dl>
      ${stateBlock(county, code, s)}
    </section>
    ${s.state === 'correction' ? correctionForm(county, code) : ''}
    <section class="card">
      <h2>办理经过</h2>
      <ol class="steps">
        ${s.history.map(
          (e) =>
            html`<li>
              <div class="meta">${chineseDay(e.date)}</div>
              ${e.label}
            </li>`,
        )}
      </ol>
    </section>`;
}

/** The form asking for a code, with the reason the last one was not found. */
export function lookupBody(county: Org, code: string | undefined, error: string | null): Html {
  return html`<section class="card">
    <h1>政府信息公开申请进度</h1>
    ${codeForm({ action: portalPath(county, 'disclosure/status'), hint: '提交申请后获得的16位查询码', code, error })}
    <p class="meta">
      还没有申请？<a href="${portalPath(county, 'disclosure/apply')}">在线提交政府信息公开申请</a>
    </p>
  </section>`;
}
