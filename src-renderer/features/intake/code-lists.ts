/**
 * A small bundled 内容分类 and 问题属地 list for the pickers. The real lists are versioned and must come from the
 * county (domain-research §7.3); until the server sends them, this list (an excerpt of the national 一级 list with
 * common 二级 entries, and the demo county's townships) keeps the form usable. Stored values: the category as
 * "一级_二级" (the export format), the region as its GB/T 2260 + 10114 code.
 */

/** Mutable arrays because antd's option types are; nothing here is ever changed. */
export interface Option {
  readonly value: string;
  readonly label: string;
  readonly children?: Option[];
}

const leaf = (label: string): Option => ({ value: label, label });
const branch = (label: string, children: string[]): Option => ({ value: label, label, children: children.map(leaf) });

export const contentCategories: Option[] = [
  branch('自然资源', ['土地征收', '土地承包经营', '宅基地', '矿产资源']),
  branch('城乡建设', ['集体土地上房屋拆迁与补偿', '国有土地上房屋征收与补偿', '住房保障与房地产', '市政设施']),
  branch('农村农业', ['村务管理', '惠农补贴', '农村集体资产']),
  branch('劳动和社会保障', ['劳动关系', '工资福利', '城镇职工社会保险', '社会救助']),
  branch('生态环境', ['环境污染', '生态保护']),
  branch('卫生健康', ['医疗纠纷', '公共卫生']),
  branch('教育文体', ['教育管理', '文体旅游']),
  branch('民政', ['婚姻殡葬', '优抚安置', '社会组织']),
  branch('交通运输', ['道路建设', '运输管理']),
  branch('市场监督', ['食品药品', '消费维权']),
  branch('政法', ['诉讼', '治安', '司法行政']),
  branch('纪检监察', ['干部作风', '失职渎职', '贪污贿赂']),
  branch('党务政务', ['政务公开', '机关作风']),
  branch('组织人事', ['干部任用', '人事管理']),
  branch('其他', ['其他']),
];

/** The demo county (shared/demo/county.ts uses province code 99, which no real province has). */
export const problemRegions: Option[] = [
  { value: '999901', label: '示范县（县级）' },
  { value: '999901101', label: '示范县 青山镇' },
  { value: '999901201', label: '示范县 绿水乡' },
];

/** The stored "一级_二级" value as the Cascader's path. */
export const categoryPath = (value: string | undefined): string[] | undefined => (value ? value.split('_') : undefined);
