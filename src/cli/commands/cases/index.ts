import type { Command } from '@commander-js/extra-typings';
import type { Cli } from '../../context.ts';
import { registerCasesAttach } from './attach.ts';
import { registerDeadlineCommand } from './deadline.ts';
import { registerCasesDigest } from './digest.ts';
import { registerCasesDue } from './due.ts';
import { registerCaseList } from './list.ts';
import { registerCaseMove } from './move.ts';
import { registerCaseOpen } from './open.ts';
import { registerCaseShow } from './show.ts';

/** `fazhi deadline`, `fazhi case …` (one case) and `fazhi cases …` (deadlines across cases). */
export function registerCaseCommands(program: Command, cli: Cli): void {
  registerDeadlineCommand(program, cli);

  const kase = program.command('case').description('案件办理：登记、流转、查看');
  registerCaseOpen(kase, cli);
  registerCaseMove(kase, cli);
  registerCaseShow(kase, cli);
  registerCaseList(kase, cli);

  const cases = program.command('cases').description('案件期限：到期清单、每日提醒');
  registerCasesDue(cases, cli);
  registerCasesAttach(cases, cli);
  registerCasesDigest(cases, cli);
}
