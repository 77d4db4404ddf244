/** Shapes the API answers with. Catalogue types are the server's own declarations (type-only import). */
import type { Field, FieldValue } from '../../../src/catalogue/fields.ts';
import type { LedgerRecord as ServerRecord } from '../../../src/core/records.ts';
import type { GroupId, RecordKind } from '../../../src/catalogue/kinds.ts';
import type { CaseClockInfo, CaseStepInfo, CaseTypeInfo } from '../../../src/http/case-catalogue.ts';
import type { Action } from '../../../src/services/access.ts';
import type { GroupActivity, MonthlyActivity } from '../../../src/services/activity.ts';

export type {
  Action,
  CaseClockInfo,
  CaseStepInfo,
  CaseTypeInfo,
  Field,
  FieldValue,
  GroupActivity,
  GroupId,
  MonthlyActivity,
  RecordKind,
};

export type OrgKind = 'county' | 'township' | 'village' | 'department';

export interface Org {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: OrgKind;
  readonly parentId: number | null;
  readonly path: string;
}

export interface User {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly role: string;
  readonly orgId: number;
  readonly orgName: string;
  readonly orgKind: string;
  readonly orgPath?: string;
  readonly mustChangePassword: boolean;
  /** What the role may do (GET /api/auth/me); the server still checks every request. */
  readonly permissions: readonly Action[];
  /** Record and case kinds the role may read or write; null for every kind. */
  readonly readKinds: readonly string[] | null;
  readonly writeKinds: readonly string[] | null;
}

/** A ledger record as GET /api/records gives it, with its evidence count. */
export interface LedgerRecord extends ServerRecord {
  readonly evidenceCount?: number;
}

export interface Page<T> {
  readonly total: number;
  readonly items: readonly T[];
}

export interface IndicatorInfo {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly group: GroupId;
  readonly basis: string;
}

export interface IndicatorValue {
  readonly key: string;
  readonly label: string;
  readonly value: number | null;
  readonly unit: string;
  readonly records: number;
}

export interface Explanation {
  readonly indicator: IndicatorValue;
  readonly basis: string;
  readonly formula: string;
  readonly records: readonly (LedgerRecord & {
    readonly counted: boolean;
    readonly contributes: number | null;
  })[];
}

export interface RoleInfo {
  readonly id: string;
  readonly label: string;
  readonly orgKind: string;
  readonly description: string;
  /** One of the three security roles (三员): such accounts are created only on the server. */
  readonly security?: boolean;
}

export interface FieldError {
  readonly field: string;
  readonly label: string;
  readonly message: string;
}

export interface EvidenceFile {
  readonly id: number;
  readonly recordId: number;
  readonly fileName: string;
  readonly mime: string;
  readonly size: number;
  readonly sha256: string;
  readonly createdAt: string;
}
