/** Shapes the API answers with. Catalogue types are the server's own declarations (type-only import). */
import type { Field, FieldValue } from '../../../src/catalogue/fields.ts';
import type { GroupId, RecordKind } from '../../../src/catalogue/kinds.ts';

export type { Field, FieldValue, GroupId, RecordKind };

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
}

export interface LedgerRecord {
  readonly id: number;
  readonly townshipId: number;
  readonly orgId: number | null;
  readonly kind: string;
  readonly date: string;
  readonly endDate: string | null;
  readonly title: string;
  readonly data: Readonly<Record<string, FieldValue>>;
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
