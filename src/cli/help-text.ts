/**
 * Commander's own words in Chinese: the help's headings and placeholders, and its error messages
 * (unknown command or option, missing argument or value). Anything not listed passes unchanged.
 */
const TITLES: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** `[options]`, `[command]` and `<command>` in usage lines and command terms. */
export function placeholders(s: string): string {
  return s
    .replace(/\[options\]/g, '[选项]')
    .replace(/\[command\]/g, '[命令]')
    .replace(/<command>/g, '<命令>');
}

/** Columns a string takes in a terminal: CJK characters take two (colour codes none), so help columns line up. */
export function displayWidth(s: string): number {
  let w = 0;
  // eslint-disable-next-line no-control-regex
  for (const ch of s.replace(/\x1b\[[0-9;]*m/g, '')) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** An option or argument description with commander's own notes — default, choices, env — in Chinese. */
export function describedIn(s: string): string {
  return s
    .replace(/ ?\(default: ([^()]*)\)/g, '（默认：$1）')
    .replace(/ ?\(choices: ([^()]*)\)/g, '（可选：$1）')
    .replace(/ ?\(env: ([^()]*)\)/g, '（环境变量：$1）')
    .replace(/ ?\(preset: ([^()]*)\)/g, '（预设：$1）');
}

export const helpTitle = (s: string): string => TITLES[s] ?? s;

const ERRORS: readonly (readonly [RegExp, (...m: string[]) => string])[] = [
  [/^error: unknown command '(.*)'/, (c) => `错误：没有“${c}”这个命令`],
  [/^error: unknown option '(.*)'/, (o) => `错误：没有“${o}”这个选项`],
  [/^error: missing required argument '(.*)'/, (a) => `错误：缺少参数“${a}”`],
  [/^error: option '(.*)' argument missing/, (o) => `错误：选项“${o}”缺少取值`],
  [/^error: required option '(.*)' not specified/, (o) => `错误：缺少必需的选项“${o}”`],
  [
    /^error: too many arguments.*?Expected (\d+) arguments? but got (\d+)/,
    (e, g) => `错误：参数过多，应为 ${e} 个，收到 ${g} 个`,
  ],
  [/^error: option '(.*)' argument '(.*)' is invalid/, (o, v) => `错误：选项“${o}”的取值“${v}”无效`],
];

/** A commander error message in Chinese, keeping its "did you mean" suggestion. */
export function errorText(s: string): string {
  const suggestion = /\(Did you mean (.*)\?\)/.exec(s)?.[1];
  for (const [re, say] of ERRORS) {
    const m = re.exec(s);
    if (m) return `${say(...m.slice(1))}${suggestion ? `（是否要输入 ${suggestion}？）` : ''}\n`;
  }
  return s;
}
