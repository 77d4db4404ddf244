import { parentPort } from 'node:worker_threads';
import { UserError } from '../../core/errors.ts';
import { analyse } from '../../review/analyse.ts';
import { MAX_TEXT_CHARS } from '../../review/index.ts';
import { readDocument, UnreadableError } from '../../review/read.ts';
import { checkEvidence } from '../../services/evidence.ts';
import { draftSlice } from '../../services/ledger-io/drafts.ts';
import { DEFAULT_MAX_IMPORT_BYTES, detectFormat } from '../../services/ledger-io/format.ts';
import { readSheets } from '../../services/ledger-io/read.ts';
import { planSheets } from '../../services/ledger-io/sheets.ts';

/** The readers a fuzz input goes through, on a worker thread so a hang can be timed out. */
export type Reader = 'review' | 'ledger' | 'evidence';

export interface Probe {
  readonly reader: Reader;
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** ok: read; refused: a user error (what a user would see); crash: anything else. */
export interface ProbeResult {
  readonly outcome: 'ok' | 'refused' | 'crash';
  /** The error's code, or the first words of a reviewer's message. */
  readonly code?: string;
  readonly message?: string;
}

const TOWNSHIP = { name: '甲镇', code: '440101001' };

async function read(p: Probe): Promise<void> {
  switch (p.reader) {
    case 'review': {
      const doc = readDocument(p.name, p.bytes);
      if (doc.text.length <= MAX_TEXT_CHARS) analyse(doc, { year: 2024 });
      return;
    }
    case 'ledger': {
      const format = await detectFormat(p.name, p.bytes);
      const plan = planSheets(readSheets(p.name, p.bytes, format, DEFAULT_MAX_IMPORT_BYTES), {
        township: TOWNSHIP,
      });
      for (const s of plan.sheets) draftSlice(s, 0, s.rows.length);
      return;
    }
    case 'evidence':
      await checkEvidence(p.bytes);
      return;
  }
}

async function probe(p: Probe): Promise<ProbeResult> {
  try {
    await read(p);
    return { outcome: 'ok' };
  } catch (e) {
    if (e instanceof UserError) return { outcome: 'refused', code: e.code };
    // The reviewer's messages carry no code: their first words, numbers left out, name the reason.
    if (e instanceof UnreadableError)
      return {
        outcome: 'refused',
        code: (e.message.split(/[（：，“]/)[0] ?? '').replace(/\d+(\.\d+)?/g, 'N'),
      };
    const message = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    return { outcome: 'crash', message };
  }
}

const port = parentPort;
if (!port) throw new Error('fuzz/worker.ts runs only on a worker thread');
port.on('message', (p: Probe) => {
  void probe(p).then((r) => port.postMessage(r));
});
port.postMessage('ready');
