/**
 * What the applicant sees of a disclosure request's case: the status in plain words with the
 * statutory date that matters now, and the steps taken, never the staff's names or anyone's
 * personal information. Pure: built from the case as the engine shows it.
 */
import type { CaseEvent, ClockView } from '../../core/cases.ts';
import { getKind } from '../../catalogue/kinds.ts';

/** The states of a disclosure request as the applicant reads them. */
export const PUBLIC_STATES = {
  received: '办理中',
  correction: '需要补正',
  consulting: '征求第三方意见',
  consulting_organ: '征求其他机关意见',
  replied: '已答复',
  lapsed: '视为放弃申请',
} as const;

export type PublicState = keyof typeof PUBLIC_STATES;

export interface DisclosureStatus {
  /** 受理机关: the township the request was filed with. */
  readonly township: string;
  /** 收到申请日期 (政府信息公开条例 第31条). */
  readonly receivedOn: string;
  /** The applicant's name, masked (张*). */
  readonly applicant: string;
  readonly state: PublicState;
  readonly stateLabel: string;
  /** The reply's due date (答复期限) while the case is open; restarted by a 补正, moved by an extension. */
  readonly replyDue: string | null;
  /** The reply clock is paused (a third party or another organ is being consulted, 第33条第2款). */
  readonly paused: boolean;
  /** “按法定节日推算，未含调休” when the due date was counted without the year's official arrangement. */
  readonly dueNote: string | null;
  /** The day the corrected request was received, from which the reply period runs again (第30条). */
  readonly correctedOn: string | null;
  /** While 补正 is asked: what to correct (the notice's words), when it was asked, by when. */
  readonly correction: {
    readonly askedOn: string;
    readonly what: string;
    readonly due: string | null;
  } | null;
  /** An extension of the reply period (第33条第2款): when, why, by how many working days. */
  readonly extension: { readonly on: string; readonly reason: string; readonly days: number | null } | null;
  readonly reply: {
    readonly on: string;
    readonly type: string | null;
    readonly typeLabel: string | null;
    /** Whether a reply document can be downloaded. */
    readonly document: { readonly fileName: string; readonly size: number } | null;
  } | null;
  /** The steps taken, oldest first. */
  readonly history: readonly { readonly date: string; readonly label: string }[];
}

/** How each step reads to the applicant; steps not listed (指定承办人) are internal. */
const STEP_LABELS: Readonly<Record<string, string>> = {
  open: '收到申请',
  ask_correction: '告知补正',
  corrected: '收到补正后的申请',
  lapse: '逾期未补正，视为放弃申请',
  consult: '征求第三方意见',
  consulted: '第三方意见已回复',
  consult_organ: '征求其他机关意见',
  organ_replied: '其他机关意见已回复',
  extend: '延长答复期限',
  reply: '作出答复',
};

const REPLY_CLOCK = 'disclosure.reply';
const CORRECTION_CLOCKS = ['disclosure.correction_set', 'disclosure.correction_period'];

const isPublicState = (s: string): s is PublicState => Object.hasOwn(PUBLIC_STATES, s);

const lastDone = (events: readonly CaseEvent[], action: string): CaseEvent | undefined =>
  events.filter((e) => e.outcome === 'done' && e.action === action).at(-1);

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

export function disclosureStatus(input: {
  readonly township: string;
  readonly applicantMasked: string;
  readonly state: string;
  readonly date: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly events: readonly CaseEvent[];
  readonly clocks: readonly ClockView[];
  readonly replyDocument: { readonly fileName: string; readonly size: number } | null;
}): DisclosureStatus {
  const { events, clocks, data } = input;
  const state: PublicState = isPublicState(input.state) ? input.state : 'received';
  const reply = clocks.find((c) => c.id === REPLY_CLOCK);
  const open = state !== 'replied' && state !== 'lapsed';
  const replyOpen = open && state !== 'correction' && reply !== undefined && reply.status !== 'stopped';
  const asked = lastDone(events, 'ask_correction');
  const corrected = lastDone(events, 'corrected');
  const extended = lastDone(events, 'extend');
  const correctionClock = clocks.find((c) => CORRECTION_CLOCKS.includes(c.id) && c.status !== 'stopped');
  const replyType = text(data.replyType);
  const typeField = getKind('disclosure_request').fields.find((f) => f.key === 'replyType');
  const typeLabel =
    replyType && typeField?.type === 'enum'
      ? (typeField.options.find((o) => o.value === replyType)?.label ?? replyType)
      : null;
  const due = replyOpen ? reply.deadline : null;
  return {
    township: input.township,
    receivedOn: input.date,
    applicant: input.applicantMasked,
    state,
    stateLabel: PUBLIC_STATES[state],
    replyDue: due?.due ?? null,
    paused: replyOpen && reply.status === 'paused',
    dueNote: due && due.calendarBasis === 'statutory-only' ? '按法定节日推算，未含调休' : null,
    correctedOn: corrected?.date ?? null,
    correction:
      state === 'correction' && asked
        ? {
            askedOn: asked.date,
            what: asked.reason ?? '',
            due: text(data.correctionDue) ?? correctionClock?.deadline.due ?? null,
          }
        : null,
    extension:
      extended && open
        ? {
            on: extended.date,
            reason: extended.reason ?? '',
            days: typeof extended.values.extension === 'number' ? extended.values.extension : null,
          }
        : null,
    reply:
      state === 'replied'
        ? {
            on: text(data.replyDate) ?? lastDone(events, 'reply')?.date ?? '',
            type: replyType,
            typeLabel,
            document: input.replyDocument,
          }
        : null,
    history: events.flatMap((e) => {
      const label = e.outcome === 'done' ? STEP_LABELS[e.action] : undefined;
      return label ? [{ date: e.date, label }] : [];
    }),
  };
}
