import type { IdType } from '../domain/codes';
import type { RoutingHint } from '../domain/registration';

/**
 * The catalogue's texts of the desk's frame, login, intake and notices (style.md, "Renderer state"); codes.ts has
 * the code labels. Wording is fixed here once and no component hard-codes Chinese.
 */
export const messages = {
  appTitle: '信访接待台',
  starting: '信访接待台正在启动……',
  /** The title of the desktop app's dialog when it cannot start (the text is `startupFailureText`'s). */
  startupFailureTitle: '信访接待台无法启动',
  ready: {
    electron: '信访接待台已就绪',
    web: '信访接待台（网页版）已就绪',
  },
  startFailed: {
    open: '无法打开本机数据库：请确认浏览器允许本网站保存数据、磁盘仍有空间，然后刷新页面。',
    worker: '接待台后台程序未能启动：请刷新页面；如仍失败，请改用新版 Chrome、Edge 或 Firefox 浏览器。',
    bridge: '接待台未能连接本机数据服务：请关闭后重新打开信访接待台；如仍失败，请联系县信访局技术支持。',
  },

  login: {
    title: '信访接待台',
    subtitle: '请登录（无网络时也可登录）',
    login: '用户名',
    password: '密码',
    submit: '登录',
    loginRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    enrolling: '本机首次登录，正在向县级服务器登记并下载本单位用户……',
    firstLoginOffline: '本机首次登录需要连接县级服务器，目前无法连接，请检查网络后再试。',
  },

  shell: {
    nav: { intake: '登记', cases: '事项', case: '事项详情', petitioner: '信访人' },
    logout: '退出登录',
    loading: '正在加载……',
  },

  sync: {
    title: '与县级服务器同步',
    pending: (n: number) => `待上传 ${n} 条`,
    lastSuccess: '上次同步',
    never: '尚未同步',
    lastError: '最近的问题',
    clockDrift: (minutes: number) => `本机时间与服务器相差约 ${minutes} 分钟`,
    syncNow: '立即同步',
    unavailable: '本机暂不支持同步',
    state: '状态',
  },

  /** 设置 → 登记本机: enrolling this desk with the county server. */
  enrol: {
    title: '登记本机（县级服务器）',
    hint: '本机登记到县级服务器后才能同步。已登记或已有数据的本机，只有本单位负责人或管理员可以重新登记；服务器须证明其为本机登记的县级服务器。',
    onlyApprover: '只有本单位负责人或管理员可以登记本机。',
    serverUrl: '县级服务器地址',
    serverUrlInvalid: '请输入以 http:// 或 https:// 开头的地址',
    login: '用户名',
    password: '密码',
    replaceServer: '更换县级服务器',
    replaceWarning: '更换后，本机的全部记录将同步到新的县级服务器。只有确需将本机移交其他县级服务器时才勾选。',
    submit: '登记本机',
    done: '本机已登记到县级服务器。',
  },

  intake: {
    pageTitle: '登记',
    channel: '信访形式',
    receivedAt: '收到时间',
    group: '多人（集体访/联名信）',
    headcount: '总人数',
    petitioner: '信访人',
    representative: (n: number) => `代表 ${n}`,
    addRepresentative: '添加代表',
    removePerson: '删除',
    searchPlaceholder: '查找信访人：证件号码、电话、姓名或拼音首字母',
    searchEmpty: '没有找到，请直接填写新信访人',
    existing: '已有信访人',
    clearExisting: '改为新信访人',
    name: '姓名（名称）',
    idType: '证件类型',
    idNumber: '证件号码',
    idTyping: (n: number) => `已输入 ${n} 位，共 18 位`,
    idOk: (birthDate: string, sex: string) => `出生日期 ${birthDate}，${sex}`,
    sex: { M: '男', F: '女' },
    phone: '联系电话',
    address: '住址',
    request: '请求',
    facts: '事实',
    reasons: '理由',
    titleField: '标题（可不填，默认取请求）',
    class: '法定分类',
    contentCategory: '内容分类',
    problemRegion: '问题属地',
    bundledListNote: '（内置简表，县级下发的正式目录接入后替换）',
    flags: '标记',
    accusedOffices: '被检举/被控告单位',
    accusedPersons: '被检举/被控告人员',
    accusedPersonsHint: '逐个输入姓名或职务，回车确认',
    accusedNote: '被检举/被控告的单位和人员不会收到本事项，本事项也不得转送给他们（第三十条第三款）。',
    missing: '尚缺（可先保存，之后补充）：',
    complete: '第十九条要求的事项已填写齐全',
    save: '保存登记',
    saveHint: 'Ctrl+Enter',
    saving: '正在保存……',
    clear: '清空',
    clearConfirm: '清空当前草稿？已填写的内容将丢失。',
    draftKept: '草稿自动保存在本机，仅本人可见，退出登录或保存后删除。',
    fixFirst: '请先更正标红的内容。',
    linkTo: (caseNumber: string) => `将作为重件关联到 ${caseNumber}`,
    unlink: '取消关联',
    idTypes: {
      'resident-id': '居民身份证',
      'residence-permit': '居住证',
      'foreign-permanent': '外国人永久居留身份证',
      passport: '护照',
      'hk-macao-taiwan-pass': '港澳台通行证（旧分类）',
      other: '其他证件',
      'hmt-residence-permit': '港澳台居民居住证',
      'hk-macao-travel-permit': '港澳居民来往内地通行证',
      'taiwan-travel-permit': '台湾居民来往大陆通行证',
    } satisfies Record<IdType, string>,
  },

  similar: {
    title: '既往事项与相似事项',
    hint: '填写信访人或内容后，这里显示可能的重复信访（第十九条第三款）。',
    samePetitioner: '同一信访人的事项',
    similarContent: '内容相似的事项',
    none: '没有发现相关事项',
    match: { 'id-number': '证件号码相同', phone: '电话相同', 'name-address': '姓名和住址相同' },
    similarity: (percent: number) => `内容相似 ${percent}%`,
    link: '关联为重件',
    linked: '已选择',
    finalWarning: (caseNumber: string, title: string) =>
      `该信访人的事项 ${caseNumber}「${title}」已经复核终结：同一事实和理由提出的，不再受理（《信访工作条例》第三十六条第三款）。`,
    finalStillRegister: '收到的信访仍应登记（第十九条），并出具不再受理告知书。',
    openCase: '查看该事项',
  },

  routing: {
    litigation:
      '涉法涉诉事项：应当释法明理，引导信访人依照法律法规规定的程序，通过诉讼、仲裁、行政复议等法定途径解决（第二十条第二款、第二十二条第二款、第三十一条第一项至第四项）。',
    'litigation-letter':
      '涉法涉诉事项：应当告知信访人通过诉讼、仲裁、行政复议等法定途径解决（第三十一条第一项至第四项）；党委和政府信访部门收到的涉法涉诉信件，转送同级政法部门依法处理（第二十二条第二款）。',
    accusation:
      '检举控告类：按管理权限转纪检监察机关处理；材料不得转给被检举、揭发的人员或单位（第二十二条第二款、第三十条）。',
    discipline:
      '内容属纪检监察：如为检举控告，请将法定分类选为检举控告类，材料才不会送到被检举、被控告的单位（第二十二条第二款、第三十条）。',
    urgent: '紧急事项：应当及时报告并采取措施（第二十五条）。',
  } satisfies Record<RoutingHint, string>,

  saved: {
    title: (caseNumber: string) => `已登记，编号 ${caseNumber}`,
    linked: (caseNumber: string) => `已作为重件关联到 ${caseNumber}`,
    missing: '以下事项尚未记录，请在办理中补充：',
    printAccept: '打印受理告知书',
    printRedirect: '打印告知书',
    organ: '应向哪个机关提出',
    next: '继续登记下一件',
    supplement: '补充',
    supplementSave: '保存补充',
    supplementCancel: '取消',
    supplementPlaceholder: (item: string) => `请填写${item}（第十九条如实记录）`,
    supplemented: '已补充',
    editPetitioner: (who: string) => `补充${who}的信息`,
    petitionerN: (n: number) => `信访人${n}`,
    onSite: '当场告知（第二十三条）：打印前先记录受理或告知，告知期限当日办结。',
    class: '法定分类',
    procedure: '办理程序',
    classRequired: '请选择法定分类。',
    procedureRequired: '请选择办理程序。',
    organRequired: '请填写应向哪个机关提出。',
    recorded: { accept: '已记录受理（当场告知）。', redirect: '已记录告知（当场告知）。' },
    reprint: '重新打印',
    acceptByHandler: '受理须由办理人或负责人决定，可在事项页面办理；当场只能告知向有权机关提出。',
    noOnSite: '该事项当前不能当场受理或告知，请在事项页面办理。',
  },

  notice: {
    to: (name: string) => `${name}：`,
    anonymous: '信访人',
    received: (date: string, channel: string) =>
      `你（你们）于${date}以${channel}形式反映的信访事项，本机关已收到并登记。`,
    request: '反映的主要请求：',
    redirectBody: (organ: string) =>
      `经审查，该事项不属于本机关职责范围，依照《信访工作条例》第二十三条第一款的规定，请你（你们）向${organ}提出。`,
    queryCode: (code: string) => `查询码：${code}`,
    handlingOrgan: (name: string) => `办理机关：${name}`,
    /** A 告知书 of 第二十三条第一款 names the organ the petitioner is to turn to; this office handles nothing. */
    competentOrgan: (name: string) => `有权处理的机关：${name}`,
    blank: '____________',
    contact: '联系人：____________　联系电话：____________',
    seal: '（盖章）',
    print: '打印',
    close: '关闭',
  },
} as const;
