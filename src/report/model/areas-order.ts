import { paras, type AreaWriter } from './area-types.ts';
import { topLabels } from './labels.ts';
import { clauses, line, sentence } from './phrase.ts';

/** Part 1 writers for disputes and petitions: keeping order by law. */

export const governanceArea: AreaWriter = {
  group: 'governance',
  keys: ['disputes.found', 'grid.grids', 'grid.members'],
  headings: [
    '多元化解矛盾纠纷，推进基层依法治理',
    '创新基层治理，维护社会和谐稳定',
    '坚持和发展新时代“枫桥经验”，就地化解矛盾纠纷',
  ],
  write(c) {
    const disputes = c.records('dispute');
    const types = topLabels(disputes, 'disputeType', ['other'], 3).map((t) => t.replace(/纠纷$/, ''));
    const grid = clauses(
      c.has('grid.grids') ? line('划分综治网格', c.fig('grid.grids')) : null,
      c.has('grid.members') ? line('配备网格员', c.fig('grid.members')) : null,
    );
    const gridText = grid.length
      ? line(
          c.pick('governance.grid', ['依托网格化服务管理，', '健全“网格+调解”机制，']),
          grid,
          '，发挥网格员排查预警“前哨”作用。',
        )
      : [];
    // The rate is printed with the counts it was computed from: the disputes closed or past due.
    const rateKey = 'disputes.resolution_rate';
    const den = c.den(rateKey);
    const main = sentence(
      c.has('disputes.found')
        ? line('全年排查矛盾纠纷', c.fig('disputes.found'), c.yoy('disputes.found'))
        : null,
      c.value(rateKey) !== null && den !== c.value('disputes.found')
        ? line('已办结或到期', c.part(rateKey, 'den', '件'))
        : null,
      c.has('disputes.resolved')
        ? line(den !== c.value('disputes.found') ? '其中化解' : '化解', c.fig('disputes.resolved'))
        : null,
      c.value(rateKey) !== null ? line('化解率', c.fig(rateKey), c.yoy(rateKey)) : null,
      types.length ? line(`主要涉及${types.join('、')}等方面`) : null,
    );
    const follow = sentence(
      c.has('disputes.pre_litigation')
        ? line('开展诉前调解', c.fig('disputes.pre_litigation'), '，把纠纷化解在诉讼之前')
        : null,
      c.value('disputes.satisfaction_rate') !== null
        ? line(
            '回访当事人',
            c.part('disputes.satisfaction_rate', 'den', '件'),
            '，满意和基本满意',
            c.part('disputes.satisfaction_rate', 'num', '件'),
            '，满意率',
            c.fig('disputes.satisfaction_rate'),
          )
        : null,
    );
    return paras({ inlines: line(gridText, main, follow) });
  },
};

export const petitionsArea: AreaWriter = {
  group: 'petitions',
  keys: ['petitions.cases', 'petitions.visits_received'],
  headings: ['推进信访工作法治化，依法维护群众权益', '畅通信访渠道，依法解决群众诉求'],
  write(c) {
    const open = c.pick('petitions.open', [
      '贯彻落实《信访工作条例》，引导群众依法理性表达诉求，',
      '坚持依法分类处理信访诉求，',
    ]);
    return paras({
      inlines: line(
        open,
        sentence(
          c.has('petitions.cases')
            ? line('全年登记信访事项', c.fig('petitions.cases'), c.yoy('petitions.cases'))
            : null,
          c.has('petitions.resolved') ? line('化解', c.fig('petitions.resolved')) : null,
          c.value('petitions.on_time_rate') !== null
            ? line(
                '已办结',
                c.part('petitions.on_time_rate', 'den', '件'),
                '，其中按期办结',
                c.part('petitions.on_time_rate', 'num', '件'),
                '，按期办结率',
                c.fig('petitions.on_time_rate'),
              )
            : null,
          c.has('petitions.visits_received')
            ? line('领导干部接访下访接待群众', c.fig('petitions.visits_received'))
            : null,
        ),
      ),
    });
  },
};
