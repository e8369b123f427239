/**
 * Repeat-detection benchmark (第十九条第三款; domain-rules.md "Registration" item 5): score one new petition against
 * 100,000 stored matters, as the desk does at registration. Target: well under 150 ms per scan.
 *
 * Run: `npx tsx bench/repeat.ts`. Prints p50/p95 over 30 runs of `findRepeats` and of two baselines measured in the
 * same process: a loop that only compares 证件号码/phone strings, and one that calls `petitionerMatch` per pair.
 * It never asserts: timings depend on the machine.
 */
import { contentProfile, findRepeats, petitionerMatch } from '#shared/domain/repeat';
import type { PetitionerKey, RepeatCandidate, RepeatInput } from '#shared/domain/repeat';

const CANDIDATES = 100_000;
const RUNS = 30;
const WARM_UP = 5;

/** Deterministic PRNG (mulberry32) so every run scores the same data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20250501);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T; // items is never empty
const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '建国',
  '桂兰',
];
const TOWNS = ['城关镇', '青石镇', '河口乡', '白马镇', '柳林乡', '东山镇', '新集镇', '双河乡'];
const VILLAGES = ['东风村', '红旗村', '向阳村', '团结村', '前进村', '光明村', '新华村', '和平村', '胜利村', '跃进村'];
const SUBJECTS = [
  '征地补偿款至今未足额发放，要求按标准补足拖欠款项',
  '宅基地被邻居侵占，多次协调未果，请求依法确权',
  '工程款被包工头拖欠，农民工工资至今未结清',
  '小区楼下餐馆夜间油烟噪音扰民，城管处理不到位',
  '村干部在低保评定中优亲厚友，要求重新审核',
  '养殖场污水直排河道，造成庄稼减产和饮水困难',
  '拆迁安置房迟迟不能交付，过渡费停发',
  '医保报销被拒，医院收费不透明，请求核查',
  '土地承包经营权被村委会收回转包，未经本人同意',
  '村道硬化工程质量差，修好不到一年就开裂',
  '反映镇卫生院医生收受红包，要求纪委调查处理',
  '退役军人优抚待遇未落实，请求按政策发放补助',
];
const DETAILS = [
  '我们多次到镇政府反映，一直没有答复。',
  '相关部门互相推诿，问题拖了三年没有解决。',
  '家中老人生病，生活十分困难，恳请领导重视。',
  '已向村委会递交书面材料，村里说要等上级文件。',
  '涉及群众二十多户，大家意见很大。',
  '请求依法依规处理，给我们一个明确答复。',
  '此前签订的协议约定的期限早已届满。',
  '附上相关照片和合同复印件供核实。',
];

function complaint(): string {
  const parts = [
    `${pick(TOWNS)}${pick(VILLAGES)}村民反映：`,
    `${2015 + Math.floor(random() * 10)}年起，`,
    pick(SUBJECTS),
    '。',
  ];
  const extra = 1 + Math.floor(random() * 4);
  for (let i = 0; i < extra; i++) parts.push(pick(DETAILS));
  parts.push(`涉及金额约${Math.floor(random() * 500) + 1}万元。`);
  return parts.join('');
}

function petitioner(): PetitionerKey {
  const town = pick(TOWNS);
  return {
    idNumber: random() < 0.8 ? `4205${digits(13)}${pick(['0', '1', 'X'])}` : undefined,
    phone: random() < 0.9 ? `1${pick(['3', '5', '8', '9'])}${digits(9)}` : undefined,
    name: pick(SURNAMES) + pick(GIVEN),
    address: `${town}${pick(VILLAGES)}${1 + Math.floor(random() * 9)}组${1 + Math.floor(random() * 60)}号`,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function measure(label: string, run: () => unknown): { p50: number; p95: number } {
  for (let i = 0; i < WARM_UP; i++) run();
  const times: number[] = [];
  let sink = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = run();
    times.push(performance.now() - start);
    sink += Array.isArray(result) ? result.length : Number(result);
  }
  times.sort((a, b) => a - b);
  const stats = { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
  console.log(
    `${label.padEnd(44)} p50 ${stats.p50.toFixed(1).padStart(7)} ms   p95 ${stats.p95.toFixed(1).padStart(7)} ms   (sink ${sink})`,
  );
  return stats;
}

const buildStart = performance.now();
const candidates: RepeatCandidate[] = Array.from({ length: CANDIDATES }, (_, i) => ({
  caseId: `case-${String(i).padStart(6, '0')}`,
  petitioners: random() < 0.1 ? [petitioner(), petitioner(), petitioner()] : [petitioner()],
  profile: contentProfile(complaint()),
}));
const buildMs = performance.now() - buildStart;
const meanGrams = candidates.reduce((sum, c) => sum + c.profile.length, 0) / CANDIDATES;

// The new petition: a stored petitioner comes back with a rephrased complaint.
const returning = candidates[4242]?.petitioners[0] ?? petitioner();
const input: RepeatInput = {
  petitioners: [{ ...returning, idNumber: undefined }],
  profile: contentProfile(`${pick(TOWNS)}${pick(VILLAGES)}村民再次反映：${pick(SUBJECTS)}，${pick(DETAILS)}`),
};

// Worst case for the early exits: nobody matches and nothing qualifies, so the list never fills.
const stranger: RepeatInput = {
  petitioners: [{ idNumber: '11010519491231002X', phone: '13900000000', name: '欧阳修', address: '滁州醉翁亭' }],
  profile: contentProfile('环滁皆山也。其西南诸峰，林壑尤美，望之蔚然而深秀者，琅琊也。山行六七里，渐闻水声潺潺。'),
};

console.log(
  `node ${process.version}; ${CANDIDATES} candidates built in ${buildMs.toFixed(0)} ms, mean ${meanGrams.toFixed(1)} grams`,
);
console.log(`runs: ${RUNS} measured after ${WARM_UP} warm-up\n`);

const idPhone = measure('baseline: 证件号码/phone string compare', () => {
  let hits = 0;
  for (const candidate of candidates) {
    for (const a of input.petitioners) {
      for (const b of candidate.petitioners) {
        if ((a.idNumber !== undefined && a.idNumber === b.idNumber) || (a.phone !== undefined && a.phone === b.phone))
          hits++;
      }
    }
  }
  return hits;
});
const keys = measure('baseline: petitionerMatch per pair', () => {
  let hits = 0;
  for (const candidate of candidates) {
    for (const a of input.petitioners)
      for (const b of candidate.petitioners) if (petitionerMatch(a, b) !== null) hits++;
  }
  return hits;
});
const scans = {
  'returning petitioner, minSimilarity 0.3': measure('findRepeats: returning petitioner, min 0.3', () =>
    findRepeats(input, candidates),
  ),
  'returning petitioner, minSimilarity 0.1': measure('findRepeats: returning petitioner, min 0.1', () =>
    findRepeats(input, candidates, { minSimilarity: 0.1 }),
  ),
  'stranger, unrelated text (no early exit)': measure('findRepeats: stranger, unrelated text', () =>
    findRepeats(stranger, candidates),
  ),
};

console.log('\nratio of findRepeats p50 to the baselines (same process):');
for (const [label, stats] of Object.entries(scans)) {
  console.log(
    `  ${label.padEnd(42)} ${(stats.p50 / idPhone.p50).toFixed(1).padStart(5)}× string compare, ${(stats.p50 / keys.p50).toFixed(2)}× petitionerMatch`,
  );
}
console.log('\ntop results:');
for (const r of findRepeats(input, candidates, { limit: 5 })) console.log(' ', JSON.stringify(r));
