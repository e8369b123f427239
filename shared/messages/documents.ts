import type { ActPayload } from '../domain/act-payloads';
import type { StatutoryRoute } from '../domain/codes';

/**
 * The catalogue's texts of the written documents each act prints (domain-research §7.4): the notices to the
 * petitioner, the opinions of 处理/复查/复核, the forms between offices (转送单, 交办单, 督办单), the 送达回证 and the
 * 终结 record. The lines every notice to the petitioner shares (addressee, 查询码, 办理机关, seal) are desk.ts
 * `notice`. Each document cites the article it rests on.
 */

type ReviewResult = ActPayload<'review-decision'>['result'];

export const documentText = {
  /** Titles, by document. */
  title: {
    accept: '信访事项受理告知书',
    reject: '信访事项不予受理告知书',
    redirect: '信访事项告知书',
    extend: '信访事项延期办理告知书',
    'no-further-acceptance': '信访事项不再受理告知书',
    inform: '信访事项转送（交办）告知书',
    decide: '信访事项处理意见书',
    'review-decision': '信访事项复查意见书',
    're-review-decision': '信访事项复核意见书',
    forward: '信访事项转送单',
    assign: '信访事项交办单',
    serve: '送达回证',
    supervise: '信访事项督办单',
    urge: '信访事项催办单',
    close: '信访事项终结记录',
  },
  /** The print button of an act on the timeline. */
  print: (title: string) => `打印${title.replace(/^信访事项/, '')}`,
  documentNo: (no: string) => `文号：${no}`,
  receiptNo: (no: string) => `编号：${no}`,

  /** 受理告知书 by class and procedure (第二十三条): only a 第三十一条第六项 matter is promised 60 日 and told of 复查. */
  accept: {
    claimOpinion:
      '经审查，该事项属于本机关职责范围，本机关依照《信访工作条例》第二十三条的规定予以受理，将依照第三十一条第六项的规定听取你（你们）陈述事实和理由、调查核实，出具信访处理意见书。依照第三十四条的规定，该事项自受理之日起60日内办结；情况复杂的，经本机关负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知你（你们）延期理由。',
    claimRights: '对信访处理意见不服的，可以自收到书面答复之日起30日内请求原办理机关的上一级机关复查（第三十五条）。',
    /** A claim whose procedure is not chosen yet (printed at registration). */
    claimPending:
      '经审查，该事项属于本机关职责范围，本机关依照《信访工作条例》第二十三条的规定予以受理，将依照第三十一条的规定区分情况办理：应当通过法定途径处理的，导入相应程序；属于第三十一条第六项情形的，依照第三十四条的规定自受理之日起60日内办结并出具信访处理意见书，对处理意见不服的，可以自收到书面答复之日起30日内请求原办理机关的上一级机关复查（第三十五条）。',
    statutory: (route: string) =>
      `经审查，该事项属于本机关职责范围，本机关依照《信访工作条例》第二十三条的规定予以受理。该事项依照第三十一条${route}，不出具信访处理意见书，办理结果按照相应程序告知你（你们）。`,
    statutoryUnknown: '第一项至第五项的规定，应当通过法定途径处理：____________________________',
    suggestion:
      '经审查，你（你们）提出的建议意见属于本机关职责范围，本机关依照《信访工作条例》第二十三条的规定予以受理，将依照第二十九条的规定认真研究论证：对科学合理、具有现实可行性的，予以采纳或者部分采纳，并予以回复。',
    accusation:
      '经审查，你（你们）提出的检举控告属于本机关职责范围，本机关依照《信访工作条例》第二十三条的规定予以受理，将依照第三十条的规定依规依纪依法办理，并予以反馈。',
    accusationSecrecy:
      '本机关不会将你（你们）的检举、揭发材料以及有关情况透露或者转给被检举、揭发的人员或者单位（第三十条第三款）。',
    unclassified:
      '经审查，该事项属于本机关职责范围，本机关依照《信访工作条例》第二十三条的规定予以受理，将根据事项的类别依照第二十九条至第三十四条的规定办理，并书面告知你（你们）办理情况。',
  },
  /** The statutory routes of 第三十一条第一项至第五项, as the 受理告知书 names them. */
  route: {
    litigation:
      '第一项的规定，应当通过审判机关诉讼程序或者复议程序、检察机关刑事立案程序或者法律监督程序、公安机关法律程序处理，将按照法律法规规定的程序处理',
    arbitration: '第二项的规定，应当通过仲裁解决，将导入仲裁程序处理',
    party: '第三项的规定，可以通过党员申诉、申请复审等解决，将导入相应程序处理',
    administrative:
      '第四项的规定，可以通过行政复议、行政裁决、行政确认、行政许可、行政处罚等行政程序解决，将导入相应程序处理',
    duty: '第五项的规定，属于申请查处违法行为、履行保护人身权或者财产权等合法权益职责的事项，本机关将依法履行职责或者予以答复',
  } satisfies Record<StatutoryRoute, string>,

  /** 不予受理告知书 (第十九条第三款、第三十一条、第三十六条第三款). */
  rejectBody: (ground: string) => `经审查，该事项属于以下情形：${ground}。依照《信访工作条例》的规定，本机关不予受理。`,
  explanation: (text: string) => `具体说明：${text}`,
  /** 延期办理告知书 (第三十四条). */
  extendBody: (days: number, due: string) =>
    `该事项因情况复杂，经本机关负责人批准，依照《信访工作条例》第三十四条的规定，办理期限延长${days}日，将于${due}前办结并出具书面处理意见。`,
  extendReasons: (reasons: string) => `延期理由：${reasons}`,

  /** 不再受理告知书 (第三十六条第三款). */
  noFurther: (prior: string) =>
    `经审查，你（你们）反映的事项与已经复查、复核的信访事项${prior}的事实和理由相同。依照《信访工作条例》第三十六条第三款的规定，信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，不再受理。本机关对该事项不再受理。`,
  priorCase: (caseNumber: string) => `（编号${caseNumber}）`,
  aftercare: '对你（你们）的合理诉求和实际困难，本机关将依照第三十七条的规定做好疏导教育、矛盾化解、帮扶救助等工作。',

  /** 告知书 of where a 转送/交办 went (第二十三条第一款). */
  informBody: (verb: string, office: string) =>
    `你（你们）反映的信访事项，本机关已依照《信访工作条例》第二十二条、第二十三条的规定${verb}${office}办理，由其自收到之日起15日内书面告知你（你们）接收情况以及处理途径和程序。`,
  verb: { forward: '转送', assign: '交办' },

  /** 信访处理意见书 (第三十一条第六项、第三十二条、第三十五条). */
  decide: {
    opening: (date: string, channel: string) =>
      `你（你们）于${date}以${channel}形式提出的信访事项，本机关依照《信访工作条例》第三十一条第六项的规定予以受理，经听取陈述、调查核实，现出具信访处理意见如下：`,
    request: (text: string) => `投诉请求：${text}`,
    facts: (text: string) => `事实和理由：${text}`,
    outcome: {
      support:
        '处理意见：请求事实清楚，符合法律、法规、规章或者其他有关规定，依照《信访工作条例》第三十二条第一款第一项的规定，予以支持。',
      explain: '处理意见：请求事由合理但缺乏法律依据，依照《信访工作条例》第三十二条第一款第二项的规定，作出解释说明。',
      'not-support':
        '处理意见：请求缺乏事实根据或者不符合法律、法规、规章或者其他有关规定，依照《信访工作条例》第三十二条第一款第三项的规定，不予支持。',
    } satisfies Record<ActPayload<'decide'>['outcome'], string>,
    basis: (text: string) => `事实和依据：${text}`,
    rights: (organ: string) =>
      `如不服本处理意见，可以自收到本意见书之日起30日内向${organ}请求复查（《信访工作条例》第三十五条）。`,
  },

  /** 复查意见书 (第三十五条) and its next step (第三十六条). */
  review: {
    opening: (decider: string, date: string) =>
      `你（你们）不服${decider}作出的信访处理意见，于${date}请求复查。本机关依照《信访工作条例》第三十五条的规定进行了复查，现提出复查意见如下：`,
    result: {
      uphold: '复查结果：维持原处理意见。',
      revoke: '复查结果：撤销原处理意见。',
      change: '复查结果：变更原处理意见。',
      redo: '复查结果：撤销原处理意见，责令原办理机关重新处理。',
    } satisfies Record<ReviewResult, string>,
    content: (text: string) => `复查意见：${text}`,
    next: (organ: string) =>
      `如不服本复查意见，可以自收到本意见书之日起30日内向${organ}请求复核（《信访工作条例》第三十六条）。`,
    organAbove: '本机关的上一级机关、单位',
    redo: (organ: string, due: string) =>
      `${organ}应当于${due}前重新作出信访处理意见，并书面答复你（你们）（《信访工作条例》第三十五条）。`,
  },

  /** 复核意见书 (第三十六条): final, or back to the 复查 organ. */
  reReview: {
    opening: (reviewer: string, date: string) =>
      `你（你们）不服${reviewer}作出的复查意见，于${date}请求复核。本机关依照《信访工作条例》第三十六条的规定进行了复核，现提出复核意见如下：`,
    result: {
      uphold: '复核结果：维持复查意见。',
      revoke: '复核结果：撤销复查意见。',
      change: '复核结果：变更复查意见。',
      redo: '复核结果：撤销复查意见，责令复查机关重新复查。',
    } satisfies Record<ReviewResult, string>,
    content: (text: string) => `复核意见：${text}`,
    final:
      '本复核意见为最终意见。信访人对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理（《信访工作条例》第三十六条第三款）。',
    redo: (organ: string, due: string) =>
      `${organ}应当于${due}前重新提出复查意见，并书面答复你（你们）（《信访工作条例》第三十五条、第三十六条）。`,
  },

  /** The rows of the forms between offices and of the 送达回证 and 终结 record. */
  row: {
    caseNumber: '事项编号',
    petitioner: '信访人',
    contact: '联系方式',
    received: '收到日期',
    channel: '信访形式',
    title: '事项摘要',
    request: '主要请求',
    note: '附言',
    due: '办结期限',
    issue: '督办事项',
    urgeIssue: '催办事项',
    feedbackDue: '反馈期限',
    document: '送达文书',
    addressee: '受送达人',
    place: '送达地点',
    method: '送达方式',
    server: '送达人',
    signature: '受送达人签名（盖章）',
    signedOn: '签收日期',
    proxy: '代收人及代收理由',
    remarks: '备注',
    class: '法定分类',
    ground: '终结情形',
    closedOn: '终结日期',
    approver: '批准人',
    proposer: '报批人',
  },
  blankDate: '______年____月____日',
  anonymous: '匿名',
  none: '—',
  person: (name: string, office: string) => `${name}（${office}）`,

  /** 转送单 (第二十二条、第二十三条第三款). */
  forward: {
    body: '依照《信访工作条例》第二十二条的规定，现将下列信访事项转送你单位，请依法处理。',
    duty: '请自收到之日起15日内书面告知信访人接收情况以及处理途径和程序；不属于你单位职权范围的，请自收到之日起5个工作日内提出异议，并详细说明理由（《信访工作条例》第二十三条第三款）。',
  },
  /** 交办单 (第二十二条第三项). */
  assign: {
    body: (due: string) =>
      `依照《信访工作条例》第二十二条第三项的规定，现将下列信访事项交由你单位办理，请于${due}前办结，向本机关反馈办理结果并提交办结报告。`,
  },
  /** Either form, for a 检举控告 matter (第三十条第三款). */
  secrecy:
    '本件为检举控告类事项，请严格保密，不得将检举、揭发材料以及有关情况透露或者转给被检举、揭发的人员或者单位（《信访工作条例》第三十条第三款）。',
  /** 督办单 / 催办单 (第四十条). */
  supervise: {
    body: (verb: string, due: string) =>
      `依照《信访工作条例》第四十条的规定，现对下列信访事项予以${verb}，请你单位认真核查办理，并于${due}前将办理情况书面反馈本机关。`,
    bodyNoDue: (verb: string) =>
      `依照《信访工作条例》第四十条的规定，现对下列信访事项予以${verb}，请你单位认真核查办理，并及时将办理情况书面反馈本机关。`,
  },
  /** 送达回证 (第三十五条、第三十六条: the windows run from the day the petitioner received the answer). */
  serve: {
    note: '复查、复核的请求期限自受送达人收到书面答复之日起计算（《信访工作条例》第三十五条、第三十六条）。',
    document: (title: string, no: string) => (no ? `${title}（${no}）` : title),
  },
  /** The answers a 送达回证 may serve that print no document of their own here. */
  served: { reply: '信访事项回复（反馈）意见', mediation: '调解协议书', settlement: '和解协议书' },
  /** 终结 record (第三十六条第三款、第三十七条). */
  close: {
    body: '经审查，该信访事项符合终结条件，依照《信访工作条例》第三十七条的规定予以终结。',
    final:
      '该事项已经复查、复核；信访人仍以同一事实和理由提出投诉请求的，不再受理（《信访工作条例》第三十六条第三款）。',
    aftercare: '对相关信访人，应当做好疏导教育、矛盾化解、帮扶救助等工作（《信访工作条例》第三十七条第三款）。',
  },

  /** The matter page's summary. */
  queryCodeLabel: '查询码',
} as const;
