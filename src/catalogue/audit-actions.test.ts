import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allAuditActions, auditActionFamilies, auditActionLabel } from './audit-actions.ts';
import { caseTypes, transitionsOf } from './cases.ts';
import { CYCLE_STEPS } from './report-cycle.ts';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Properties only an audit event has beside its action (a case step's `action` has none of them). */
const EVENT_PROPS = new Set(['targetType', 'targetId', 'before', 'after']);

interface Written {
  /** A fixed action, or a template's fixed head (`case.`) when `template` is set. */
  readonly text: string;
  readonly template: boolean;
  readonly where: string;
}

/** Every audit event object literal in src/ and the action each can write. */
function writtenActions(): { found: Written[]; unreadable: string[] } {
  const found: Written[] = [];
  const unreadable: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    if (!/\baction:/.test(text)) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isObjectLiteralExpression(n)) {
        const props = n.properties.filter(ts.isPropertyAssignment);
        const named = (p: ts.PropertyAssignment) => (ts.isIdentifier(p.name) ? p.name.text : '');
        const action = props.find((p) => named(p) === 'action');
        const shorthand = n.properties.some(
          (p) => ts.isShorthandPropertyAssignment(p) && EVENT_PROPS.has(p.name.text),
        );
        // A case step's requirement ({ action, after, message }) names an earlier step, not an event.
        const requirement = props.some((p) => named(p) === 'message');
        // A zod schema of a request's fields (z.object({ action: z.string() … })) is no event.
        const parent = n.parent;
        const schema =
          ts.isCallExpression(parent) &&
          ts.isPropertyAccessExpression(parent.expression) &&
          ['object', 'extend'].includes(parent.expression.name.text);
        if (
          action &&
          !requirement &&
          !schema &&
          (shorthand || props.some((p) => EVENT_PROPS.has(named(p))))
        ) {
          const where = `${relative(SRC, file)}:${sf.getLineAndCharacterOfPosition(action.getStart()).line + 1}`;
          const values = (e: ts.Expression): void => {
            if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e))
              found.push({ text: e.text, template: false, where });
            else if (ts.isTemplateExpression(e)) found.push({ text: e.head.text, template: true, where });
            else if (ts.isConditionalExpression(e)) {
              values(e.whenTrue);
              values(e.whenFalse);
            } else if (ts.isParenthesizedExpression(e)) values(e.expression);
            // `e.action`: the chain's own code copying an action chosen where the event was made.
            else if (ts.isPropertyAccessExpression(e) && e.name.text === 'action') return;
            else unreadable.push(`${where}: ${e.getText()}`);
          };
          values(action.initializer);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { found, unreadable };
}

describe('audit action labels', () => {
  const { found, unreadable } = writtenActions();

  it('finds the actions the services write (the scan itself works)', () => {
    const fixed = new Set(found.filter((f) => !f.template).map((f) => f.text));
    for (const a of ['login', 'login_failed', 'record.create', 'user.grant_role', 'backup.restore_forced'])
      expect(fixed, a).toContain(a);
    expect(fixed.size).toBeGreaterThan(35);
    expect(found.filter((f) => f.template).map((f) => f.text)).toEqual(
      expect.arrayContaining(['case.', 'report.']),
    );
  });

  it('every action written anywhere in src/ has a Chinese label', () => {
    expect(unreadable).toEqual([]);
    const missing = found
      .filter((f) => !f.template && auditActionLabel(f.text) === undefined)
      .map((f) => `${f.where} ${f.text}`);
    expect(missing).toEqual([]);
    const families = auditActionFamilies.map((f) => f.prefix);
    const unknownTemplates = found
      .filter((f) => f.template && !families.includes(f.text))
      .map((f) => `${f.where} ${f.text}…`);
    expect(unknownTemplates).toEqual([]);
  });

  it('labels every step of every case type and of the reporting cycle', () => {
    for (const t of caseTypes)
      for (const tr of transitionsOf(t))
        expect(auditActionLabel(`case.${tr.id}`, { caseType: t.kind })).toBe(`办理案件：${tr.label}`);
    for (const s of CYCLE_STEPS) expect(auditActionLabel(`report.${s.id}`)).toBe(`年度报告：${s.label}`);
  });

  it('reads a step id shared by case types by all its labels without a type', () => {
    expect(auditActionLabel('case.close')).toMatch(/^办理案件：(办结\/结案|结案\/办结)$/);
    expect(auditActionLabel('case.no_such_step')).toBeUndefined();
    expect(auditActionLabel('user.no_such_action')).toBeUndefined();
  });

  it('lists each action once, every label Chinese', () => {
    const list = allAuditActions();
    expect(new Set(list.map((a) => a.action)).size).toBe(list.length);
    for (const a of list) expect(a.label, a.action).toMatch(/[\u4e00-\u9fa5]/);
  });
});
