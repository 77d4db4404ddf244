import type { GenContext } from './context.ts';
import { COMPANIES, personName } from './names.ts';
import { addDays } from '../../core/calendar.ts';
import { dateIn, lerp, ymd } from './random.ts';

type Form = 'street' | 'village' | 'door' | 'school' | 'enterprise' | 'online' | 'broadcast' | 'other';

interface Event {
  date: string;
  title: string;
  day: string;
  form: Form;
  location: string;
  partners?: string;
}

/** 普法宣传活动: the statutory publicity days first, then 送法下乡, 进校园, 进企业, 入户 and online work. */
export function publicityEvents(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const base = t.name.replace(/(街道|镇|乡)$/, '');
  const square = t.type === 'street' ? `${base}文化广场` : `${t.name}集镇`;
  const school = rng.pick([`${base}中心小学`, `${base}中学`, `${base}中心幼儿园`]);
  const events: Event[] = [];
  const add = (e: Event) => {
    if (!events.some((x) => x.date === e.date && x.title === e.title)) events.push(e);
  };
  add({
    date: ymd(year, 3, 15),
    title: '“3·15”国际消费者权益日法治宣传活动',
    day: 'd0315',
    form: 'street',
    location: square,
    partners: '县市场监管局、镇市场监管所',
  });
  if (activity > 0.3 || rng.chance(0.5)) {
    add({
      date: ymd(year, 4, 15),
      title: '“4·15”全民国家安全教育日主题宣传活动',
      day: 'd0415',
      form: 'street',
      location: square,
      partners: `${t.name}派出所`,
    });
  }
  const civil = lerp(1, 3, activity);
  for (let i = 0; i < civil; i++) {
    const v = rng.pick(t.villages).name;
    add({
      date: dateIn(rng, year, 5, 5),
      title: `“美好生活·民法典相伴”民法典宣传月进${v}活动`,
      day: 'civil_code_month',
      form: 'village',
      location: v,
    });
  }
  add({
    date: ymd(year, 6, 26),
    title: '“6·26”国际禁毒日禁毒宣传活动',
    day: 'd0626',
    form: 'street',
    location: square,
    partners: `${t.name}派出所、县禁毒办`,
  });
  if (activity > 0.4 || rng.chance(0.4)) {
    add({
      date: ymd(year, 12, rng.int(1, 3)),
      title: `宪法宣传周“宪法进校园”主题班会（${school}）`,
      day: 'constitution_week',
      form: 'school',
      location: school,
    });
  }
  add({
    date: ymd(year, 12, 4),
    title: '“12·4”国家宪法日集中宣传活动',
    day: 'd1204',
    form: 'street',
    location: square,
    partners: '县司法局',
  });

  const total = lerp(10, 30, activity + rng.next() * 0.15);
  const themes = [
    '反电信网络诈骗',
    '防范非法集资',
    '扫黑除恶常态化',
    '未成年人保护',
    '农村土地承包',
    '婚姻家庭与继承',
    '安全生产',
    '森林防火',
    '劳动合同与工资支付',
    '反邪教',
  ];
  for (let guard = 0; events.length < total && guard < 200; guard++) {
    const form = rng.weighted([
      ['village', 5],
      ['door', 3],
      ['school', 2],
      ['enterprise', 2],
      ['online', 2],
      ['broadcast', 1],
    ] as const);
    const theme = rng.pick(themes);
    const v = rng.pick(t.villages).name;
    const date = dateIn(rng, year, 1, 11);
    switch (form) {
      case 'village':
        add({ date, title: `送法进${v}暨${theme}宣传`, day: 'none', form, location: `${v}党群服务中心` });
        break;
      case 'door':
        add({ date, title: `“走村不漏户”入户普法（${v}）`, day: 'none', form, location: v });
        break;
      case 'school':
        add({
          date,
          title: `“法治进校园”${theme}专题讲座`,
          day: 'none',
          form,
          location: school,
          partners: `${t.name}派出所`,
        });
        break;
      case 'enterprise': {
        const c = rng.pick(COMPANIES);
        add({ date, title: `法律进企业——走进${c.replace('清河县', '')}`, day: 'none', form, location: c });
        break;
      }
      case 'online':
        add({
          date,
          title: `微信公众号“以案释法”专栏：${theme}`,
          day: 'none',
          form,
          location: '“法治' + base + '”公众号',
        });
        break;
      case 'broadcast':
        add({
          date,
          title: `“村村响”广播${theme}法治宣传`,
          day: 'none',
          form,
          location: '全' + t.unit + '各村（社区）',
        });
        break;
    }
  }

  const scale = 0.35 + activity;
  for (const e of events.sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const big = e.form === 'street';
    const materials =
      e.form === 'online' || e.form === 'broadcast'
        ? 0
        : Math.round(
            ((big ? rng.int(600, 2400) : e.form === 'door' ? rng.int(80, 400) : rng.int(150, 800)) * scale) /
              10,
          ) * 10;
    const audience =
      e.form === 'online'
        ? rng.int(800, 3500)
        : e.form === 'broadcast'
          ? rng.int(2000, 8000)
          : Math.round((big ? rng.int(300, 1500) : rng.int(40, 300)) * scale);
    ctx.emit('publicity_event', {
      date: e.date,
      title: e.title,
      data: {
        publicityDay: e.day,
        form: e.form,
        location: e.location,
        materials,
        audience,
        consultations:
          e.form === 'online' || e.form === 'broadcast'
            ? 0
            : Math.round((big ? rng.int(40, 200) : rng.int(5, 40)) * scale),
        banners: e.form === 'online' ? 0 : big ? rng.int(4, 16) : rng.int(1, 4),
        ...(e.partners ? { partners: e.partners } : {}),
      },
      org:
        e.form === 'village' || e.form === 'door'
          ? e.location.replace('党群服务中心', '')
          : t.departments.justice.name,
    });
  }
}

/** 学法用法示范户 and 法律明白人 registries, built up over several years; a few leave in the later years. */
export function publicityRegistries(ctx: GenContext): void {
  const { rng, t, year, activity } = ctx;
  const households = lerp(10, 25, activity + rng.next() * 0.1);
  for (let i = 0; i < households; i++) {
    const v = rng.pick(t.villages).name;
    const date = dateIn(rng, year - rng.int(0, 4), 3, 11);
    const end = rng.chance(0.08) ? addDays(date, rng.int(200, 700)) : null;
    ctx.emit('model_household', {
      date,
      endDate: end && end <= ctx.today ? end : undefined,
      title: personName(rng),
      data: {
        level: rng.weighted([
          ['township', 6],
          ['county', 3],
          ['city', 1],
        ] as const),
      },
      org: v,
    });
  }
  for (const v of t.villages) {
    const n = rng.int(2, activity > 0.5 ? 4 : 3);
    for (let i = 0; i < n; i++) {
      const date = dateIn(rng, year - rng.int(0, 3), 3, 11);
      const end = rng.chance(0.07) ? addDays(date, rng.int(150, 600)) : null;
      ctx.emit('legal_literate', {
        date,
        endDate: end && end <= ctx.today ? end : undefined,
        title: personName(rng),
        data: {
          phone: `1${rng.pick(['3', '5', '8'])}${rng.int(0, 9)}****${String(rng.int(0, 9999)).padStart(4, '0')}`,
          mediator: rng.chance(0.4),
        },
        org: v.name,
      });
    }
  }
}
