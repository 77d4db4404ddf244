import { decisionFixtures } from './fixtures-decisions.ts';
import { disputeFixtures } from './fixtures-dispute.ts';
import { inspectionFixtures } from './fixtures-inspection.ts';
import { petitionFixtures } from './fixtures-petition.ts';
import { publicityFixtures } from './fixtures-publicity.ts';
import { studyFixtures } from './fixtures-study.ts';
import { workbookFixtures } from './fixtures-workbooks.ts';
import type { LayoutFixture } from './types.ts';

export type { ExpectedRecord, LayoutFixture, TableSpec } from './types.ts';

/** Every fixture ledger, in the order of docs and README. */
export const layoutFixtures: LayoutFixture[] = [
  ...publicityFixtures,
  ...studyFixtures,
  ...disputeFixtures,
  ...petitionFixtures,
  ...inspectionFixtures,
  ...decisionFixtures,
  ...workbookFixtures,
];

/** The kind of the records on a sheet of a fixture. */
export function kindOf(f: LayoutFixture, sheet: string | undefined): string {
  return f.sheets?.find((s) => s.sheet === sheet)?.kind ?? f.kind;
}
