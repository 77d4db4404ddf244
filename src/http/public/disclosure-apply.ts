import {
  APPLICANT_TYPES,
  DELIVERY_WAYS,
  ID_TYPES,
  LIMITS,
  MEDIA,
} from '../../services/public/disclosure-form.ts';
import type { Org } from '../../services/orgs.ts';
import { html, type Html } from './html.ts';
import { portalPath } from './layout.ts';

const field = (id: string, label: string, input: Html, hint?: string): Html =>
  html`<label for="${id}">${label}${hint ? html`<span class="hint">${hint}</span>` : ''}</label>${input}`;

const textInput = (
  id: string,
  max: number,
  o: { type?: string; required?: boolean; autocomplete?: string; inputmode?: string } = {},
): Html =>
  html`<input
    type="${o.type ?? 'text'}"
    id="${id}"
    name="${id}"
    maxlength="${max}"
    ${o.required ? html` required` : ''}${
      o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''
    }${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}
  />`;

const radios = (name: string, options: Readonly<Record<string, string>>, checked?: string): Html =>
  html`<div class="choices">
    ${Object.entries(options).map(
      ([value, text]) =>
        html`<label
          ><input
            type="radio"
            name="${name}"
            value="${value}"
            ${value === checked ? html` checked` : ''}
            required
          />
          ${text}</label
        >`,
    )}
  </div>`;

/**
 * The 政府信息公开申请表 (政府信息公开条例 第29条), mobile first. The applicant's kind shows its own
 * fields by CSS alone (the portal allows no inline script); the server checks every field.
 */
export function applyPage(county: Org, townships: readonly Org[], selected: number | null): Html {
  return html`<h1>政府信息公开申请</h1>
    <p class="meta">
      依据《中华人民共和国政府信息公开条例》第二十九条提出申请。受理机关自收到申请之日起20个工作日内答复；申请内容不明确的，将一次性告知补正，收到补正后重新计算答复期限。
    </p>
    <form
      class="card disclosure-form"
      data-submit="/api/public/disclosure-requests"
      data-next="${portalPath(county, 'disclosure/status')}?code={code}&amp;new=1"
    >
      <input type="hidden" name="county" value="${county.code}" />
      <fieldset>
        <legend>申请人类型</legend>
        ${radios('applicantType', APPLICANT_TYPES, 'citizen')}
      </fieldset>
      <fieldset class="only-citizen">
        <legend>公民</legend>
        ${field('name', '姓名', textInput('name', LIMITS.name, { autocomplete: 'name' }))}
        <label for="idType">证件类型</label>
        <select id="idType" name="idType">
          ${Object.entries(ID_TYPES).map(([v, t]) => html`<option value="${v}">${t}</option>`)}
        </select>
        ${field('idNumber', '证件号码', textInput('idNumber', LIMITS.idNumber, { autocomplete: 'off' }))}
      </fieldset>
      <fieldset class="only-organisation">
        <legend>法人或者其他组织</legend>
        ${field('orgName', '名称', textInput('orgName', LIMITS.orgName, { autocomplete: 'organization' }))}
        ${field('creditCode', '统一社会信用代码', textInput('creditCode', 18, { autocomplete: 'off' }), '18位数字或大写字母')}
        ${field('legalRep', '法定代表人或者负责人', textInput('legalRep', LIMITS.legalRep))}
        ${field('contact', '联系人', textInput('contact', LIMITS.contact))}
      </fieldset>
      <fieldset>
        <legend>联系方式</legend>
        ${field('phone', '联系电话', textInput('phone', LIMITS.phone, { type: 'tel', required: true, autocomplete: 'tel', inputmode: 'tel' }), '手机号码或带区号的固定电话')}
        ${field('address', '通信地址', textInput('address', LIMITS.address, { required: true, autocomplete: 'street-address' }))}
        ${field('email', '电子邮箱（选填）', textInput('email', LIMITS.email, { type: 'email', autocomplete: 'email', inputmode: 'email' }), '选择电子邮件获取的必填')}
      </fieldset>
      <fieldset>
        <legend>申请内容</legend>
        <label for="township">受理机关</label>
        <select id="township" name="township" required>
          <option value="">请选择乡镇（街道）</option>
          ${townships.map(
            (t) =>
              html`<option value="${t.id}" ${t.id === selected ? html` selected` : ''}>${t.name}</option>`,
          )}
        </select>
        <label for="description"
          >所需信息的名称、文号或者便于查询的其他特征性描述<span class="hint"
            >如文件名称、发文字号、形成时间、涉及的事项等，越具体越便于查找</span
          ></label
        >
        <textarea id="description" name="description" maxlength="${LIMITS.description}" required></textarea>
        <label>获取信息的方式</label>${radios('delivery', DELIVERY_WAYS)}
        <label>信息的提供形式</label>${radios('medium', MEDIA)}
      </fieldset>
      <div class="form-message" tabindex="-1" hidden></div>
      <button type="submit">提交申请</button>
      <p class="hint">
        提交前浏览器会自动完成一道校验计算，需要几秒钟。提交后获得查询码，凭查询码查看办理进度、提交补正、下载答复。
      </p>
    </form>`;
}
