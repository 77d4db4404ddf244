/**
 * The portal's 意见征集 pages: the county's consultations, one consultation with its 起草说明, draft
 * and comment form, and after the window the 意见采纳情况. Every value goes through `html`; what is
 * shown of the comments is the published digest, handling and reason only.
 */
import type { ConsultationInfo } from '../../services/public/consultations.ts';
import { CONSULTATION_LIMITS } from '../../services/public/consultations.ts';
import type { PortalConsultation } from '../../services/public/consultations-public.ts';
import type { Org } from '../../services/orgs.ts';
import { chineseDay, html, paragraphs, type Html } from './html.ts';
import { portalPath } from './layout.ts';

const pagePath = (county: Org, c: { id: number }) => portalPath(county, `consultations/${c.id}`);

/** “还剩5天” / “今天截止” / “已结束”, as a tag. */
function windowTag(c: ConsultationInfo): Html {
  if (c.abandoned) return html`<span class="tag">已终止</span>`;
  if (c.summary) return html`<span class="tag ok">已公布采纳情况</span>`;
  if (!c.open || c.daysLeft === null) return html`<span class="tag">征求意见已结束</span>`;
  return html`<span class="tag wait">${c.daysLeft === 0 ? '今天截止' : `还剩${c.daysLeft}天`}</span>`;
}

function item(county: Org, c: ConsultationInfo): Html {
  return html`<li>
    <a href="${pagePath(county, c)}">${c.title}</a>
    <div class="meta">${windowTag(c)}${c.township} · ${chineseDay(c.opensOn)}至${chineseDay(c.closesOn)}</div>
  </li>`;
}

/** The list page's body: open consultations first, then closed ones. */
export function consultationListBody(county: Org, all: readonly ConsultationInfo[]): Html {
  const open = all.filter((c) => c.open);
  const closed = all.filter((c) => !c.open);
  return html`<h1>意见征集</h1>
    <p class="meta">
      各乡镇（街道）重大行政决策草案向社会公开征求意见，欢迎提出意见和建议。征求意见结束后公布意见采纳情况。
    </p>
    <section class="card">
      <h2>正在征求意见</h2>
      ${
        open.length
          ? html`<ul class="list">
              ${open.map((c) => item(county, c))}
            </ul>`
          : html`<p class="meta">目前没有正在征求意见的决策草案。</p>`
      }
    </section>
    ${
      closed.length
        ? html`<section class="card">
            <h2>已结束</h2>
            <ul class="list">
              ${closed.map((c) => item(county, c))}
            </ul>
          </section>`
        : ''
    }`;
}

/** The home page's section: the consultations open now, closing soonest first. */
export function openConsultationsSection(county: Org, all: readonly ConsultationInfo[]): Html {
  const open = all.filter((c) => c.open).slice(0, 5);
  return html`<section class="card">
    <h2>正在征求意见</h2>
    ${
      open.length
        ? html`<ul class="list">
            ${open.map((c) => item(county, c))}
          </ul>`
        : html`<p class="meta">目前没有正在征求意见的决策草案。</p>`
    }
    <p class="meta"><a href="${portalPath(county, 'consultations')}">全部意见征集</a></p>
  </section>`;
}

function commentForm(c: ConsultationInfo): Html {
  return html`<section class="card" id="comment">
    <h2>提出意见</h2>
    <form data-submit="/api/public/consultations/${c.id}/comments">
      <label for="body">意见<span class="hint">必填，不超过${CONSULTATION_LIMITS.comment}字</span></label>
      <textarea id="body" name="body" required maxlength="${CONSULTATION_LIMITS.comment}"></textarea>
      <label for="name">姓名<span class="hint">选填</span></label>
      <input type="text" id="name" name="name" maxlength="${CONSULTATION_LIMITS.name}" autocomplete="name" />
      <label for="contact"
        >联系方式<span class="hint">选填，电话或电子邮箱，便于承办单位就您的意见联系您</span></label
      >
      <input
        type="text"
        id="contact"
        name="contact"
        maxlength="${CONSULTATION_LIMITS.contact}"
        autocomplete="tel"
      />
      <p class="hint">
        姓名和联系方式仅承办单位工作人员可见，不会公开。公布意见采纳情况时，只公布意见摘要及处理结果。
      </p>
      <div class="form-message" tabindex="-1" hidden></div>
      <button type="submit">提交意见</button>
    </form>
  </section>`;
}

function summarySection(c: PortalConsultation): Html {
  const s = c.summary;
  if (!s) return html``;
  return html`<section class="card summary" id="summary">
    <h2>意见采纳情况</h2>
    <p class="meta">${chineseDay(s.at)}公布</p>
    <dl class="counts">
      <div>
        <dt>收到意见</dt>
        <dd>${s.received}条</dd>
      </div>
      <div>
        <dt>采纳</dt>
        <dd>${s.adopted}条</dd>
      </div>
      <div>
        <dt>部分采纳</dt>
        <dd>${s.partly}条</dd>
      </div>
      <div>
        <dt>不采纳</dt>
        <dd>${s.rejected}条</dd>
      </div>
    </dl>
    <div class="doc">${paragraphs(s.text)}</div>
    ${
      c.opinions.length
        ? html`<h3>逐条处理情况</h3>
            <ol class="opinions">
              ${c.opinions.map(
                (o) =>
                  html`<li>
                    <p>
                      <span
                        class="tag${o.decision === 'adopted' ? ' ok' : o.decision === 'partly' ? ' wait' : ''}"
                        >${o.decisionLabel}</span
                      >${o.digest}
                    </p>
                    ${o.reason ? html`<p class="meta">理由：${o.reason}</p>` : ''}
                  </li>`,
              )}
            </ol>`
        : ''
    }
  </section>`;
}

/** Where the consultation stands once its window is over (or the decision was ended), and its summary. */
function closedSections(c: PortalConsultation): Html {
  if (c.abandoned)
    return html`<section class="card notice">
      <h2>该决策事项已终止</h2>
      <p>不再征求意见。</p>
    </section>`;
  return html`<section class="card notice">
      <h2>征求意见已结束</h2>
      <p>${c.summary ? '感谢参与。意见采纳情况如下。' : '感谢参与。意见采纳情况整理后将在本页公布。'}</p>
    </section>
    ${summarySection(c)}`;
}

/** One consultation's page: when closed, the outcome comes first; when open, the form comes after the draft. */
export function consultationBody(county: Org, c: PortalConsultation): Html {
  return html`<p class="meta"><a href="${portalPath(county, 'consultations')}">意见征集</a></p>
    <h1>${c.title}</h1>
    <div class="meta">${windowTag(c)}${c.township}</div>
    <p class="meta">
      征求意见期间：${chineseDay(c.opensOn)}至${chineseDay(c.closesOn)}（截止日当日仍可提出意见）
    </p>
    ${c.shortReason ? html`<p class="meta">征求意见期限少于30日的理由：${c.shortReason}</p>` : ''}
    ${c.open ? '' : closedSections(c)}
    <section class="card">
      <h2>起草说明</h2>
      <div class="doc">${paragraphs(c.explanation)}</div>
    </section>
    <section class="card">
      <h2>草案文本</h2>
      <div class="doc">${paragraphs(c.draft)}</div>
    </section>
    ${c.open ? commentForm(c) : ''}`;
}
