import type { Rng } from './random.ts';

/** The fictional county of the demo. Code in the 统计用区划代码 form; no real county has it. */
export const COUNTY = { name: '清河县', code: '369901', court: '清河县人民法院', abbr: '赣' } as const;

// Enough distinct names for 50 townships: 5 街道, 30 镇, 16 乡.
export const STREETS = ['东城街道', '西城街道', '凤凰街道', '南湖街道', '滨江街道'];
// prettier-ignore
export const TOWNS = [
  '青山镇', '柳河镇', '石门镇', '双溪镇', '龙泉镇', '新安镇', '大坪镇', '马头镇', '河口镇', '桃源镇',
  '白沙镇', '黄石镇', '清水镇', '长乐镇', '永安镇', '太平镇', '高桥镇', '金竹镇', '铁山镇', '杨林镇',
  '三江镇', '古城镇', '梅岭镇', '枫林镇', '松溪镇', '竹园镇', '官庄镇', '塘头镇', '茶园镇', '水口镇',
];
// prettier-ignore
export const XIANG = [
  '白石乡', '长岭乡', '金鸡乡', '黄土岭乡', '莲花乡', '杉木乡', '桂花乡', '岩口乡',
  '麻溪乡', '小河乡', '花桥乡', '龙潭乡', '石牛乡', '洞口乡', '马坪乡', '九龙乡',
];

// prettier-ignore
const VILLAGE_A = [
  '青', '石', '柳', '桃', '杨', '李', '王', '张', '马', '牛', '龙', '凤', '金', '银', '铁', '黄', '白', '红',
  '东', '西', '南', '北', '上', '下', '大', '小', '新', '老', '高', '樟', '枫', '竹', '松', '梅', '荷', '茶',
];
// prettier-ignore
const VILLAGE_B = [
  '山', '桥', '湾', '坪', '岭', '溪', '塘', '冲', '坝', '坡', '庄', '沟', '河', '田', '岗', '园', '林', '峪',
  '屯', '寨', '源', '洲', '垅', '口', '铺',
];
// prettier-ignore
const COMMUNITIES = [
  '和平', '建设', '幸福', '文化', '人民', '解放', '胜利', '团结', '新华', '民主', '光明', '中山', '育才', '滨河',
  '花园', '锦绣', '阳光', '长青', '振兴', '朝阳', '兴业', '翠苑', '桂园', '康宁', '安居', '丰收', '新街', '北门',
];

/** Village and community names, never the same twice in the county. */
export class PlaceNames {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  private take(make: () => string): string {
    for (let i = 0; i < 200; i++) {
      const n = make();
      if (!this.used.has(n)) {
        this.used.add(n);
        return n;
      }
    }
    throw new Error('demo place names exhausted');
  }

  village(): string {
    return this.take(() => `${this.rng.pick(VILLAGE_A)}${this.rng.pick(VILLAGE_B)}村`);
  }

  community(): string {
    // Townish names first; when a large county has used them all, place-style names like 青山社区.
    const free = COMMUNITIES.filter((c) => !this.used.has(`${c}社区`));
    if (free.length > 0) return this.take(() => `${this.rng.pick(free)}社区`);
    return this.take(() => `${this.rng.pick(VILLAGE_A)}${this.rng.pick(VILLAGE_B)}社区`);
  }

  /** The community at a township's seat, named after it (青山镇 → 青山社区) when free. */
  seatCommunity(township: string): string {
    const base = township.replace(/(街道|镇|乡)$/, '');
    const n = `${base}社区`;
    if (!this.used.has(n)) {
      this.used.add(n);
      return n;
    }
    return this.community();
  }
}

// Surnames weighted roughly by frequency in rural south-central China.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 9],
  ['李', 9],
  ['张', 8],
  ['刘', 7],
  ['陈', 7],
  ['杨', 5],
  ['黄', 5],
  ['赵', 3],
  ['吴', 4],
  ['周', 4],
  ['徐', 3],
  ['孙', 2],
  ['胡', 3],
  ['朱', 3],
  ['高', 2],
  ['林', 2],
  ['何', 3],
  ['郭', 2],
  ['罗', 3],
  ['梁', 2],
  ['宋', 2],
  ['郑', 2],
  ['谢', 2],
  ['唐', 2],
  ['韩', 1],
  ['曹', 1],
  ['邓', 2],
  ['彭', 2],
  ['曾', 2],
  ['肖', 2],
  ['田', 1],
  ['董', 1],
  ['袁', 1],
  ['潘', 1],
  ['蒋', 1],
  ['蔡', 1],
  ['余', 1],
  ['杜', 1],
  ['叶', 1],
  ['程', 1],
  ['魏', 1],
  ['吕', 1],
  ['丁', 1],
  ['沈', 1],
  ['姚', 1],
  ['卢', 1],
  ['钟', 1],
  ['谭', 1],
  ['廖', 1],
  ['龙', 1],
];
// prettier-ignore
const GIVEN = [
  '建国', '建华', '国强', '志刚', '伟', '敏', '静', '丽', '军', '勇', '磊', '洋', '艳', '杰', '娟', '涛', '明',
  '超', '秀英', '桂英', '秀兰', '玉兰', '海燕', '红梅', '春生', '小平', '志明', '文华', '德明', '金凤', '卫东',
  '新民', '晓东', '晓燕', '丽华', '爱华', '振华', '永红', '海波', '俊杰', '雪梅', '婷', '欣怡', '宇航', '子涵',
  '浩然', '思远', '佳琪', '梦瑶', '家豪', '泽宇', '一鸣', '雅静', '立新', '长青', '满堂', '福生', '润生', '翠兰',
];

export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

export function personName(rng: Rng): string {
  return surname(rng) + rng.pick(GIVEN);
}

/** How ledgers write a private party: 张某某. */
export function anonymous(rng: Rng): string {
  return `${surname(rng)}某${rng.chance(0.5) ? '某' : ''}`;
}

/** Distinct person names, e.g. for one exam's sitters. */
export function distinctNames(rng: Rng, n: number): string[] {
  const seen = new Set<string>();
  while (seen.size < n) {
    const name = personName(rng);
    // Real rosters do hold namesakes; they are told apart by a suffix.
    seen.add(seen.has(name) ? `${name}（${['二', '三', '四', '五'][rng.int(0, 3)]}）` : name);
  }
  return [...seen];
}

export const LAW_FIRMS = [
  '清河律师事务所',
  '正衡律师事务所',
  '明理律师事务所',
  '天平律师事务所',
  '江源律师事务所',
];

// prettier-ignore
export const COMPANIES = [
  '清河县宏达建材有限公司', '清河县绿源农业开发有限公司', '清河县永兴竹木制品厂', '清河县顺通物流有限公司',
  '清河县华美服装有限公司', '清河县鑫源矿业有限公司', '清河县金穗米业有限公司', '清河县恒安物业服务有限公司',
  '清河县万家福超市', '清河县兴旺养殖专业合作社', '清河县青禾茶业有限公司', '清河县远航电子厂',
];
