import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Finds, from the source, every function exported by src/services that writes to the database:
 * one that reaches a repository function issuing insert, update or delete, directly or through
 * other functions (local, imported, re-exported). The audit log's own writes do not count.
 */

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WRITE = /\.(insertInto|updateTable|deleteFrom)\(/;
/** The audit chain's own module: appending an entry is how writes are audited, not a write to audit. */
const AUDIT_REPO = 'db/audit.repo.ts';

interface Module {
  /** Top-level functions by name, with whether each is exported and whether it runs on a caller's transaction. */
  readonly fns: Map<string, { node: ts.Node; exported: boolean; onCallersTrx: boolean }>;
  /** Local name → module#name for named imports; namespace name → module for `import * as`. */
  readonly imports: Map<string, string>;
  readonly namespaces: Map<string, string>;
  readonly reexports: Map<string, string>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const rel = (abs: string): string => relative(SRC, abs).split('\\').join('/');
const target = (from: string, spec: string): string | null =>
  spec.startsWith('.') ? rel(resolve(dirname(join(SRC, from)), spec)) : null;
const exported = (n: ts.Node): boolean =>
  ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** True when a parameter is a transaction: the function writes inside its caller's, which audits. */
function takesTrx(fn: ts.SignatureDeclaration): boolean {
  return fn.parameters.some((p) => /\b(Transaction|Trx)\b/.test(p.type?.getText() ?? ''));
}

function parse(file: string): Module {
  const sf = ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const m: Module = { fns: new Map(), imports: new Map(), namespaces: new Map(), reexports: new Map() };
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) {
      m.fns.set(st.name.text, { node: st, exported: exported(st), onCallersTrx: takesTrx(st) });
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
          m.fns.set(d.name.text, { node: init, exported: exported(st), onCallersTrx: takesTrx(init) });
      }
    } else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const mod = target(file, st.moduleSpecifier.text);
      const clause = st.importClause;
      if (!mod || !clause || clause.isTypeOnly || !clause.namedBindings) continue;
      if (ts.isNamespaceImport(clause.namedBindings)) m.namespaces.set(clause.namedBindings.name.text, mod);
      else
        for (const el of clause.namedBindings.elements)
          if (!el.isTypeOnly) m.imports.set(el.name.text, `${mod}#${(el.propertyName ?? el.name).text}`);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      const mod = target(file, st.moduleSpecifier.text);
      if (mod && st.exportClause && ts.isNamedExports(st.exportClause))
        for (const el of st.exportClause.elements)
          m.reexports.set(el.name.text, `${mod}#${(el.propertyName ?? el.name).text}`);
    }
  }
  return m;
}

/** Every function a function's body refers to (called or passed on), as module#name. */
function references(file: string, m: Module, node: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    // A property's name is not a reference to a function of the same name: look at its object only.
    if (ts.isPropertyAccessExpression(n)) {
      const ns = ts.isIdentifier(n.expression) ? m.namespaces.get(n.expression.text) : undefined;
      if (ns) out.add(`${ns}#${n.name.text}`);
      else visit(n.expression);
      return;
    }
    if (ts.isPropertyAssignment(n)) return visit(n.initializer);
    if (ts.isIdentifier(n)) {
      if (m.fns.has(n.text)) out.add(`${file}#${n.text}`);
      const imp = m.imports.get(n.text);
      if (imp) out.add(imp);
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  return out;
}

/** The database and service modules by file (relative to src), and a key's defining module#name. */
function serviceModules(): { modules: Map<string, Module>; canonical: (key: string) => string } {
  const files = [...sourceFiles(join(SRC, 'db')), ...sourceFiles(join(SRC, 'services'))].map(rel);
  const modules = new Map(files.map((f) => [f, parse(f)]));
  const canonical = (key: string): string => {
    for (let k = key, i = 0; i < 20; i++) {
      const [file, name] = k.split('#') as [string, string];
      const next = modules.get(file)?.reexports.get(name);
      if (!next) return k;
      k = next;
    }
    return key;
  };
  return { modules, canonical };
}

/** `file#name` (relative to src/services) of every exported service function that writes, sorted. */
export function writingServices(): string[] {
  const { modules, canonical } = serviceModules();
  const edges = new Map<string, string[]>();
  const writes = new Set<string>();
  for (const [file, m] of modules) {
    for (const [name, fn] of m.fns) {
      const key = `${file}#${name}`;
      edges.set(key, [...references(file, m, fn.node)].map(canonical));
      if (file.startsWith('db/') && file !== AUDIT_REPO && WRITE.test(fn.node.getText())) writes.add(key);
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [key, to] of edges) {
      if (writes.has(key) || key.startsWith(`${AUDIT_REPO}#`)) continue;
      if (to.some((t) => writes.has(t))) {
        writes.add(key);
        grew = true;
      }
    }
  }
  const out: string[] = [];
  for (const [file, m] of modules) {
    if (!file.startsWith('services/')) continue;
    for (const [name, fn] of m.fns)
      if (fn.exported && !fn.onCallersTrx && writes.has(`${file}#${name}`))
        out.push(`${file.slice('services/'.length)}#${name}`);
  }
  return out.sort();
}

/** The front ends: the `fazhi` command and the HTTP API (the web app reaches services only through it). */
const FRONT_ENDS = ['cli', 'http'];

/**
 * Every service function a front end's source refers to by name (named imports, and `ns.name` on a
 * namespace import), as `file#name` relative to src/services where it is defined, with the file.
 */
export function frontEndReferences(): { from: string; service: string }[] {
  const { canonical } = serviceModules();
  const out: { from: string; service: string }[] = [];
  for (const file of FRONT_ENDS.flatMap((d) => sourceFiles(join(SRC, d))).map(rel)) {
    const m = parse(file);
    const keys = new Set([...m.imports.values()]);
    const sf = ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
        const ns = m.namespaces.get(n.expression.text);
        if (ns) keys.add(`${ns}#${n.name.text}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    for (const k of keys) {
      const key = canonical(k);
      if (key.startsWith('services/')) out.push({ from: file, service: key.slice('services/'.length) });
    }
  }
  return out;
}
