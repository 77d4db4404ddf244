/**
 * The 政府信息公开申请 as the portal takes it: the contents 政府信息公开条例 第29条第2款 requires
 * (申请人的姓名或者名称、身份证明、联系方式; 所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述;
 * 所需政府信息的指定提供形式), read from a form's strings into a checked value, every error in Chinese.
 * Pure: no database, no clock.
 */
import { UserError } from '../../core/errors.ts';
import { phoneNumber } from '../../core/phone.ts';

export const APPLICANT_TYPES = { citizen: '公民', organisation: '法人或者其他组织' } as const;
export const ID_TYPES = {
  resident_id: '居民身份证',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent: '外国人永久居留身份证',
  passport: '护照',
  other: '其他有效身份证件',
} as const;
/** 获取信息的方式. */
export const DELIVERY_WAYS = {
  post: '邮寄纸质',
  email: '电子邮件',
  pickup: '当面领取',
  online: '网上下载',
} as const;
/** 所需信息的提供形式. */
export const MEDIA = { paper: '纸质文本', electronic: '电子文档', disc: '光盘' } as const;

export type IdType = keyof typeof ID_TYPES;
export type DeliveryWay = keyof typeof DELIVERY_WAYS;
export type Medium = keyof typeof MEDIA;

interface Contact {
  readonly phone: string;
  readonly address: string;
  readonly email: string | null;
}

/** The applicant's personal information: stored apart from the case, shown only to staff in scope. */
export type Applicant =
  | (Contact & {
      readonly type: 'citizen';
      readonly name: string;
      readonly idType: IdType;
      readonly idNumber: string;
    })
  | (Contact & {
      readonly type: 'organisation';
      readonly name: string;
      readonly creditCode: string;
      readonly legalRep: string;
      readonly contact: string;
    });

/** What is asked for, and how it is to be provided. */
export interface DisclosureAsk {
  readonly townshipId: number;
  readonly description: string;
  readonly delivery: DeliveryWay;
  readonly medium: Medium;
}

/** A 补正 as the applicant submits it (政府信息公开条例 第30条). */
export interface Correction {
  readonly description: string;
  readonly note: string | null;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Longest value of each field, in characters. */
export const LIMITS = {
  name: 50,
  orgName: 100,
  idNumber: 30,
  phone: 30,
  address: 200,
  email: 100,
  legalRep: 50,
  contact: 50,
  description: 2000,
  note: 500,
} as const;

// Control characters other than tab and line breaks have no place in a form's text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

class Reader {
  readonly errors: FieldError[] = [];
  constructor(private readonly raw: Readonly<Record<string, unknown>>) {}

  private fail(field: string, message: string): null {
    this.errors.push({ field, message });
    return null;
  }

  /** A text field: trimmed; one line unless `multiline`; within its limit; required unless `optional`. */
  text(field: string, label: string, max: number, o: { optional?: boolean; multiline?: boolean } = {}) {
    const v = this.raw[field];
    if (v !== undefined && v !== null && typeof v !== 'string') return this.fail(field, `${label}应为文字`);
    let s = (v ?? '').trim();
    if (!o.multiline) s = s.replace(/\s+/g, ' ');
    else s = s.replace(/\r\n?/g, '\n');
    if (!s) return o.optional ? null : this.fail(field, `请填写${label}`);
    if (CONTROL.test(s)) return this.fail(field, `${label}含有无法识别的控制字符`);
    if ([...s].length > max)
      return this.fail(field, `${label}不能超过${max}个字（现有${[...s].length}个字）`);
    return s;
  }

  choice<K extends string>(field: string, label: string, options: Readonly<Record<K, string>>): K | null {
    const v = this.raw[field];
    if (v === undefined || v === null || v === '') return this.fail(field, `请选择${label}`);
    if (typeof v !== 'string' || !Object.hasOwn(options, v))
      return this.fail(field, `${label}应为：${Object.values<string>(options).join('、')}`);
    return v as K;
  }
}

/** 居民身份证号码 (GB 11643-1999): 17 digits and a check character (ISO 7064 MOD 11-2). */
export function validResidentId(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((n, w, i) => n + w * Number(s[i]), 0);
  return '10X98765432'[sum % 11] === s[17];
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 统一社会信用代码 (GB 32100-2015): 18 characters of its alphabet, the last a MOD 31 check. */
export function validCreditCode(s: string): boolean {
  if (s.length !== 18 || [...s].some((c) => !CREDIT_ALPHABET.includes(c))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(s[i]!) * (3 ** i % 31);
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31] === s[17];
}

/** A mobile number (11 digits from 13–19) or a landline with its area code and optional extension. */
export const validPhone = (s: string): boolean => phoneNumber(s) !== null;

const validEmail = (s: string): boolean => /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/.test(s);

function idShape(type: IdType, s: string): string | null {
  if (type === 'resident_id')
    return validResidentId(s) ? null : '证件号码不是有效的居民身份证号码（18位，最后一位可为X），请核对';
  if (type === 'hk_macao_permit')
    return /^[HM]\d{8}(\d{2})?$/.test(s) ? null : '港澳居民来往内地通行证号码应为H或M加8位或10位数字';
  if (type === 'taiwan_permit')
    return /^\d{8}(\d{2})?$/.test(s) ? null : '台湾居民来往大陆通行证号码应为8位或10位数字';
  return /^[0-9A-Z]{5,30}$/.test(s) ? null : '证件号码应为5至30位字母或数字';
}

function contactOf(r: Reader): Contact | null {
  const rawPhone = r.text('phone', '联系电话', LIMITS.phone);
  const phone = rawPhone === null ? null : rawPhone.replace(/[\s（）()]/g, '');
  if (phone !== null && !validPhone(phone)) {
    r.errors.push({
      field: 'phone',
      message: '联系电话应为11位手机号码，或带区号的固定电话（如0731-12345678）',
    });
  }
  const address = r.text('address', '通信地址', LIMITS.address);
  const email = r.text('email', '电子邮箱', LIMITS.email, { optional: true });
  if (email !== null && !validEmail(email)) r.errors.push({ field: 'email', message: '电子邮箱格式不正确' });
  return phone !== null && address !== null ? { phone, address, email } : null;
}

function applicantOf(r: Reader): Applicant | null {
  const type = r.choice('applicantType', '申请人类型', APPLICANT_TYPES);
  if (type === 'organisation') {
    const name = r.text('orgName', '名称', LIMITS.orgName);
    const rawCode = r.text('creditCode', '统一社会信用代码', 18 + 4);
    const creditCode = rawCode === null ? null : rawCode.replace(/\s/g, '').toUpperCase();
    if (creditCode !== null && !validCreditCode(creditCode))
      r.errors.push({
        field: 'creditCode',
        message: '统一社会信用代码应为18位数字或大写字母，且校验位正确，请核对',
      });
    const legalRep = r.text('legalRep', '法定代表人或者负责人', LIMITS.legalRep);
    const contact = r.text('contact', '联系人', LIMITS.contact);
    const c = contactOf(r);
    if (!name || !creditCode || !legalRep || !contact || !c) return null;
    return { type, name, creditCode, legalRep, contact, ...c };
  }
  const name = type === 'citizen' ? r.text('name', '姓名', LIMITS.name) : null;
  const idType = type === 'citizen' ? r.choice('idType', '证件类型', ID_TYPES) : null;
  const rawId = type === 'citizen' ? r.text('idNumber', '证件号码', LIMITS.idNumber) : null;
  const idNumber = rawId === null ? null : rawId.replace(/\s/g, '').toUpperCase();
  if (idType && idNumber) {
    const bad = idShape(idType, idNumber);
    if (bad) r.errors.push({ field: 'idNumber', message: bad });
  }
  const c = contactOf(r);
  if (type !== 'citizen' || !name || !idType || !idNumber || !c) return null;
  return { type, name, idType, idNumber, ...c };
}

function refuse(errors: readonly FieldError[]): never {
  throw new UserError(`申请表有${errors.length}处需要修改`, 'invalid_request', 400, errors);
}

/** The request as filed, or a 400 listing every field to put right. */
export function readDisclosureForm(raw: Readonly<Record<string, unknown>>): {
  applicant: Applicant;
  ask: DisclosureAsk;
} {
  const r = new Reader(raw);
  const applicant = applicantOf(r);
  const t = raw.township;
  const townshipId =
    typeof t === 'string' && /^\d{1,9}$/.test(t) ? Number(t) : typeof t === 'number' ? t : null;
  if (townshipId === null || !Number.isSafeInteger(townshipId) || townshipId <= 0)
    r.errors.push({ field: 'township', message: '请选择受理机关' });
  const description = r.text('description', '所需信息的名称、文号或描述', LIMITS.description, {
    multiline: true,
  });
  const delivery = r.choice('delivery', '获取信息的方式', DELIVERY_WAYS);
  const medium = r.choice('medium', '信息的提供形式', MEDIA);
  if ((delivery === 'email' || delivery === 'online') && medium !== null && medium !== 'electronic')
    r.errors.push({ field: 'medium', message: '通过电子邮件或网上下载获取的，提供形式应为电子文档' });
  if (delivery === 'post' && medium === 'electronic')
    r.errors.push({ field: 'medium', message: '邮寄的，提供形式应为纸质文本或光盘' });
  if (delivery === 'email' && applicant && !applicant.email)
    r.errors.push({ field: 'email', message: '选择电子邮件获取的，请填写电子邮箱' });
  if (r.errors.length > 0 || !applicant || townshipId === null || !description || !delivery || !medium)
    refuse(r.errors);
  return { applicant, ask: { townshipId, description, delivery, medium } };
}

/** A 补正 as submitted, or a 400. */
export function readCorrection(raw: Readonly<Record<string, unknown>>): Correction {
  const r = new Reader(raw);
  const description = r.text('description', '补正后的申请内容', LIMITS.description, { multiline: true });
  const note = r.text('note', '补充说明', LIMITS.note, { optional: true, multiline: true });
  if (r.errors.length > 0 || !description) refuse(r.errors);
  return { description, note };
}

/** A name as the public pages may show it: the first character, the rest masked (张*, 欧阳** → 欧***). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.min(Math.max(chars.length - 1, 1), 3));
}

/** The parts the 12-hour duplicate guard compares. */
export function submissionParts(applicant: Applicant, ask: DisclosureAsk): string[] {
  const who =
    applicant.type === 'citizen'
      ? [applicant.type, applicant.name, applicant.idType, applicant.idNumber]
      : [applicant.type, applicant.name, applicant.creditCode];
  return ['disclosure', ...who, String(ask.townshipId), ask.description, ask.delivery, ask.medium];
}
