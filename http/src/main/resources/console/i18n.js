// Every label of the console in Chinese (the default) and English, and dates in the chosen locale.
const DICTIONARY = {
  'zh-CN': {
    title: '血液联网 · 协调控制台',
    signIn: '登录', signOut: '退出', signingIn: '正在登录…', language: 'English',
    signedOutTitle: '请登录', signedOutText: '使用您所在血液中心的统一身份认证账号登录。',
    user: '用户', centres: '血液中心', roles: '角色', loading: '正在加载…',
    navLookup: '献血者查询', navRequests: '配型申请', navMatch: '紧急配型',
    noScreens: '您的角色在控制台中没有可用的功能。',
    lookupTitle: '按身份证查询献血者', idType: '证件类型', nationalId: '证件号码', lookup: '查询',
    lookupHint: '证件号码只在请求正文中发送，不会出现在网址或日志中。',
    donorId: '献血者编号', homeCentre: '所属中心', name: '姓名', phone: '电话', sex: '性别', birthDate: '出生日期',
    weightKg: '体重 (kg)', bloodGroup: '血型', panels: '登记库', antigens: 'HLA 抗原', seenAt: '到访中心',
    registeredAt: '登记时间', donations: '献血记录', deferrals: '暂缓记录', none: '无',
    eligibility: '献血资格', type: '类型', eligible: '可以献血', notEligible: '暂不能献血',
    nextEligibleDate: '下次可献血日期', reasons: '原因', idShown: '查询的证件',
    WHOLE_BLOOD: '全血', PLATELETS_APHERESIS: '单采血小板', RED_CELLS: '红细胞',
    CN_RIC: '居民身份证', PASSPORT: '护照', OTHER: '其他证件', M: '男', F: '女',
    requestsTitle: '本中心的配型申请', centre: '中心', refresh: '刷新', created: '创建时间', product: '血液成分',
    urgency: '紧急程度', status: '状态', neededBy: '需用日期', hospital: '医院', patient: '患者编号',
    noRequests: '暂无申请。', timeline: '进程', event: '事件', by: '操作中心', subject: '操作人', at: '时间',
    candidates: '候选献血者', rank: '排名', grade: '等级', identical: '相同', crossReactive: '交叉反应',
    mismatched: '不相合', abo: 'ABO', eligibleFrom: '可献血自', state: '状态', close: '关闭',
    EMERGENCY: '紧急', URGENT: '加急', ROUTINE: '常规',
    matchTitle: '紧急配型申请', requestingCentre: '申请中心', units: '数量 (单位)', patientSex: '患者性别',
    patientAbo: '患者 ABO', patientRhD: '患者 RhD', hlaA: 'HLA-A（逗号分隔）', hlaB: 'HLA-B（逗号分隔）',
    hlaAntibodies: 'HLA 抗体', hpaAntibodies: 'HPA 抗体', redCellAntibodies: '红细胞抗体',
    requiredNegative: '要求阴性的红细胞抗原', maxCandidates: '最多候选人数', submitMatch: '发起配型',
    centresAnswered: '已答复中心', centresMissing: '未答复中心', noCandidates: '没有找到候选献血者。',
    requestId: '申请编号', rhdWarning: 'RhD 警告',
    liveOn: '实时更新：已连接', liveConnecting: '实时更新：正在连接…', liveReconnecting: '实时更新：连接中断，正在重连…',
    liveOff: '实时更新：未连接', liveLast: '最新变化', actions: '操作',
    contact: '标记已联系', accept: '献血者同意', decline: '献血者拒绝', allocate: '分配', fulfil: '完成申请',
    cancelRequest: '取消申请', collectingCentre: '采集中心', confirmYes: '确认', confirmNo: '返回',
    confirmDecline: '确认献血者 {donor} 拒绝？此步骤不能撤销。', confirmAllocate: '确认将献血者 {donor} 分配给此申请（采集中心 {centre}）？',
    confirmFulfil: '确认此申请已完成？此后不能再更改。', confirmCancel: '确认取消此申请？其候选献血者将被释放。',
    conflict_reserved: '该献血者已分配给另一个未结束的配型申请', conflict_invalid_transition: '申请或候选人的当前状态不允许此步骤',
    conflict_not_eligible: '该献血者目前不能献血',
    working: '正在处理…', openRequestId: '按申请编号打开（如候选人所在中心）', openRequest: '打开',
    err0: '无法连接到服务器，请检查网络后重试。',
    err400: '输入有误', err401: '您的登录已失效，请重新登录。', err403: '您没有权限执行此操作',
    err404: '未找到。', err409: '无法执行', err413: '请求过大。', err429: '请求过于频繁，请稍后再试。',
    err503: '服务暂时不可用（数据库或身份认证服务未响应），请稍后重试。', errOther: '出现错误',
    errSignIn: '登录失败', errProvider: '无法连接到身份认证服务。',
    err415: '文件类型不被接受。', navigation: '功能',
    navRegistry: '登记库查询', navStats: '统计', navRecalls: '回溯召回', navImport: '批量导入',
    registryTitle: '血小板与稀有血型登记库查询', panel: '登记库', anyPanel: '全部', panel_PLATELET: '血小板库 (PLATELET)',
    panel_RARE: '稀有血型库 (RARE)', allCentres: '全部中心', any: '不限', negativeFor: '红细胞抗原阴性（逗号分隔）',
    eligibleOn: '可献血日期', eligibleType: '献血类型', search: '查询', noDonors: '没有符合条件的献血者。',
    redCell: '红细胞抗原', previousPage: '上一页', nextPage: '下一页', page: '第 {page} 页',
    statsTitle: '各中心登记库统计', show: '显示', federationTotal: '全联网合计', statsChart: '各登记库在两个日期的人数',
    panelColumn: '登记库', growth: '增长', perCentre: '各中心', stat_donors: '献血者', stat_plateletPanel: '血小板库',
    stat_rarePanel: '稀有血型库', stat_permanentDeferrals: '永久屏蔽', openRecalls: '未处理召回', acknowledgedRecalls: '已处理召回',
    medianAck: '处理用时（中位数）', outcomesRecorded: '输注结果记录', refractoryPatients: '输注无效患者',
    medianCci: '1 小时 CCI 中位数（按等级）', minutes: '分钟', hours: '小时',
    recallsTitle: '本中心的回溯召回（未处理）', recallsHint: '献血者检测结果呈反应性后，其此前在本中心采集的血液需处理：隔离、召回或已输注。',
    noRecalls: '没有未处理的召回。', donation: '献血', testDate: '检测日期', openedAt: '开立时间', acknowledge: '处理',
    outcome: '处理结果', note: '备注', outcome_QUARANTINED: '已隔离', outcome_RECALLED: '已召回', outcome_TRANSFUSED: '已输注',
    labAcknowledges: '由采集中心的检验人员处理', more: '更多',
    confirmAcknowledge: '确认献血者 {donor} 于 {date} 的献血处理结果为“{outcome}”？此步骤不能撤销。',
    importTitle: '批量导入献血者 (NDJSON)', importHint: '每行一位献血者（登记格式，可含献血、检测和暂缓记录）；每行与单条接口同样校验。',
    importFile: 'NDJSON 文件', upload: '上传', uploading: '正在上传…', importing: '正在导入…', importDone: '导入完成',
    importReport: '导入报告', startedAt: '开始时间', finishedAt: '完成时间', linesRead: '已读行数', accepted: '已接受',
    createdDonors: '新建献血者', addedHistory: '补充记录', skipped: '跳过（已存在）', ruleViolations: '违反规则（已计入）',
    rejected: '已拒绝', rejections: '被拒绝的行', line: '行号', errorCode: '错误', field: '字段', message: '说明',
    importFailed: '导入中断',
    history: '历史记录', date: '日期', amount: '数量', dosesUnit: '治疗量', testResults: '检测结果', marker: '检测项目',
    result: '结果', withheld: '（其他中心，不显示）', from: '开始', until: '结束', reason: '原因', permanent: '永久',
    REACTIVE: '有反应性', NON_REACTIVE: '无反应性',
    reason_AGE: '年龄', reason_WEIGHT: '体重', reason_INTERVAL: '献血间隔', reason_ANNUAL_LIMIT: '年度上限',
    reason_DEFERRED_TEMPORARY: '暂缓献血', reason_DEFERRED_PERMANENT: '永久屏蔽',
    recordTitle: '记录', recordDonation: '记录献血', recordTest: '记录检测结果', recordDeferral: '记录暂缓献血',
    volumeMl: '全血量 (mL)', doses: '单采治疗量', din: '献血条码 (DIN)', record: '记录…', recorded: '已记录。',
    confirmDonation: '确认记录一次献血（{type}，{date}）？', confirmTest: '确认记录检测结果 {marker}：{result}？',
    confirmDeferral: '确认记录暂缓献血（{from} 至 {until}）？', confirmDeferralPermanent: '确认记录永久屏蔽（自 {from} 起）？此步骤不能撤销。',
  },
  en: {
    title: 'Bloodbridge · Coordinator console',
    signIn: 'Sign in', signOut: 'Sign out', signingIn: 'Signing in…', language: '中文',
    signedOutTitle: 'Please sign in', signedOutText: 'Sign in with your blood centre\'s federation account.',
    user: 'User', centres: 'Centres', roles: 'Roles', loading: 'Loading…',
    navLookup: 'Donor lookup', navRequests: 'Match requests', navMatch: 'Emergency match',
    noScreens: 'Your roles have no screens in the console.',
    lookupTitle: 'Look up a donor by ID card', idType: 'ID type', nationalId: 'ID number', lookup: 'Look up',
    lookupHint: 'The ID number is sent only in the body of a request: never in an address or a log.',
    donorId: 'Donor ID', homeCentre: 'Home centre', name: 'Name', phone: 'Phone', sex: 'Sex', birthDate: 'Birth date',
    weightKg: 'Weight (kg)', bloodGroup: 'Blood group', panels: 'Panels', antigens: 'HLA antigens', seenAt: 'Seen at',
    registeredAt: 'Registered', donations: 'Donations', deferrals: 'Deferrals', none: 'none',
    eligibility: 'Eligibility', type: 'Type', eligible: 'Eligible', notEligible: 'Not eligible',
    nextEligibleDate: 'Next eligible date', reasons: 'Reasons', idShown: 'ID looked up',
    WHOLE_BLOOD: 'Whole blood', PLATELETS_APHERESIS: 'Platelets (apheresis)', RED_CELLS: 'Red cells',
    CN_RIC: 'Resident ID card', PASSPORT: 'Passport', OTHER: 'Other ID', M: 'Male', F: 'Female',
    requestsTitle: 'Match requests of the centre', centre: 'Centre', refresh: 'Refresh', created: 'Created', product: 'Product',
    urgency: 'Urgency', status: 'Status', neededBy: 'Needed by', hospital: 'Hospital', patient: 'Patient ref.',
    noRequests: 'No requests.', timeline: 'Timeline', event: 'Event', by: 'By centre', subject: 'By user', at: 'At',
    candidates: 'Candidates', rank: 'Rank', grade: 'Grade', identical: 'Identical', crossReactive: 'Cross-reactive',
    mismatched: 'Mismatched', abo: 'ABO', eligibleFrom: 'Eligible from', state: 'State', close: 'Close',
    EMERGENCY: 'Emergency', URGENT: 'Urgent', ROUTINE: 'Routine',
    matchTitle: 'Emergency match request', requestingCentre: 'Requesting centre', units: 'Units', patientSex: 'Patient sex',
    patientAbo: 'Patient ABO', patientRhD: 'Patient RhD', hlaA: 'HLA-A (comma separated)', hlaB: 'HLA-B (comma separated)',
    hlaAntibodies: 'HLA antibodies', hpaAntibodies: 'HPA antibodies', redCellAntibodies: 'Red cell antibodies',
    requiredNegative: 'Red cell antigens required negative', maxCandidates: 'Max. candidates', submitMatch: 'Search donors',
    centresAnswered: 'Centres answered', centresMissing: 'Centres missing', noCandidates: 'No candidates found.',
    requestId: 'Request ID', rhdWarning: 'RhD warning',
    liveOn: 'Live updates: connected', liveConnecting: 'Live updates: connecting…', liveReconnecting: 'Live updates: connection lost, reconnecting…',
    liveOff: 'Live updates: off', liveLast: 'Latest change', actions: 'Actions',
    contact: 'Mark contacted', accept: 'Donor accepts', decline: 'Donor declines', allocate: 'Allocate', fulfil: 'Fulfil request',
    cancelRequest: 'Cancel request', collectingCentre: 'Collecting centre', confirmYes: 'Confirm', confirmNo: 'Back',
    confirmDecline: 'Record that donor {donor} declines? This cannot be undone.', confirmAllocate: 'Allocate donor {donor} to this request (collected at {centre})?',
    confirmFulfil: 'Mark this request fulfilled? It cannot change afterwards.', confirmCancel: 'Cancel this request? Its candidates are released.',
    conflict_reserved: 'the donor is allocated to another open match request', conflict_invalid_transition: 'the request or candidate is not in a state that allows this step',
    conflict_not_eligible: 'the donor may not donate now',
    working: 'Working…', openRequestId: 'Open by request ID (e.g. a candidate\'s centre)', openRequest: 'Open',
    err0: 'The server did not answer. Check the network and try again.',
    err400: 'Invalid input', err401: 'Your sign-in is no longer valid. Please sign in again.', err403: 'You may not do this',
    err404: 'Not found.', err409: 'Not possible', err413: 'The request is too large.', err429: 'Too many requests; try again shortly.',
    err503: 'The service is unavailable for now (its store or the identity provider does not answer). Try again.',
    errOther: 'Something went wrong', errSignIn: 'Sign-in failed', errProvider: 'The identity provider does not answer.',
    err415: 'This kind of file is not accepted.', navigation: 'Screens',
    navRegistry: 'Registry', navStats: 'Statistics', navRecalls: 'Recalls', navImport: 'Import',
    registryTitle: 'Platelet and rare-donor registry search', panel: 'Panel', anyPanel: 'All', panel_PLATELET: 'Platelet panel (PLATELET)',
    panel_RARE: 'Rare panel (RARE)', allCentres: 'All centres', any: 'Any', negativeFor: 'Red cell antigens negative (comma separated)',
    eligibleOn: 'Eligible on', eligibleType: 'Donation type', search: 'Search', noDonors: 'No donor matches.',
    redCell: 'Red cell antigens', previousPage: 'Previous page', nextPage: 'Next page', page: 'Page {page}',
    statsTitle: 'Registry statistics by centre', show: 'Show', federationTotal: 'Federation total', statsChart: 'Each panel\'s size at the two dates',
    panelColumn: 'Panel', growth: 'Growth', perCentre: 'By centre', stat_donors: 'Donors', stat_plateletPanel: 'Platelet panel',
    stat_rarePanel: 'Rare panel', stat_permanentDeferrals: 'Permanent deferrals', openRecalls: 'Open recalls', acknowledgedRecalls: 'Acknowledged recalls',
    medianAck: 'Time to acknowledge (median)', outcomesRecorded: 'Transfusion outcomes', refractoryPatients: 'Refractory patients',
    medianCci: 'Median 1 h CCI by grade', minutes: 'min', hours: 'h',
    recallsTitle: 'Open look-back recalls of the centre', recallsHint: 'A donor tested reactive: the earlier donations collected here are held back, called back or were transfused.',
    noRecalls: 'No open recalls.', donation: 'Donation', testDate: 'Test date', openedAt: 'Opened', acknowledge: 'Acknowledge',
    outcome: 'Outcome', note: 'Note', outcome_QUARANTINED: 'Quarantined', outcome_RECALLED: 'Recalled', outcome_TRANSFUSED: 'Transfused',
    labAcknowledges: 'Acknowledged by the collecting centre\'s lab', more: 'More',
    confirmAcknowledge: 'Record the donation of {date} by donor {donor} as "{outcome}"? This cannot be undone.',
    importTitle: 'Import donors (NDJSON)', importHint: 'One donor per line (a registration, with donations, test results and deferrals if any); each line is checked like the single endpoints.',
    importFile: 'NDJSON file', upload: 'Upload', uploading: 'Uploading…', importing: 'Importing…', importDone: 'Import finished',
    importReport: 'Import report', startedAt: 'Started', finishedAt: 'Finished', linesRead: 'Lines read', accepted: 'Accepted',
    createdDonors: 'New donors', addedHistory: 'History added', skipped: 'Skipped (already present)', ruleViolations: 'Rule violations (counted)',
    rejected: 'Rejected', rejections: 'Rejected lines', line: 'Line', errorCode: 'Error', field: 'Field', message: 'Message',
    importFailed: 'The import stopped',
    history: 'History', date: 'Date', amount: 'Amount', dosesUnit: 'doses', testResults: 'Test results', marker: 'Marker',
    result: 'Result', withheld: '(another centre: not shown)', from: 'From', until: 'Until', reason: 'Reason', permanent: 'Permanent',
    REACTIVE: 'Reactive', NON_REACTIVE: 'Non-reactive',
    reason_AGE: 'Age', reason_WEIGHT: 'Weight', reason_INTERVAL: 'Interval', reason_ANNUAL_LIMIT: 'Annual limit',
    reason_DEFERRED_TEMPORARY: 'Deferred', reason_DEFERRED_PERMANENT: 'Permanently deferred',
    recordTitle: 'Record', recordDonation: 'Record a donation', recordTest: 'Record a test result', recordDeferral: 'Record a deferral',
    volumeMl: 'Whole blood volume (mL)', doses: 'Apheresis doses', din: 'Donation number (DIN)', record: 'Record…', recorded: 'Recorded.',
    confirmDonation: 'Record a donation ({type}, {date})?', confirmTest: 'Record the test result {marker}: {result}?',
    confirmDeferral: 'Record a deferral ({from} to {until})?', confirmDeferralPermanent: 'Record a permanent deferral (from {from})? This cannot be undone.',
  },
};

export const LANGUAGES = Object.keys(DICTIONARY);
let language = localStorage.getItem('bloodbridge.language') || 'zh-CN';
if (!DICTIONARY[language]) language = 'zh-CN';

export function currentLanguage() {
  return language;
}

export function setLanguage(next) {
  language = DICTIONARY[next] ? next : 'zh-CN';
  localStorage.setItem('bloodbridge.language', language);
  document.documentElement.lang = language;
  document.title = t('title');
}

/** The label in the chosen language (the key itself for a code without a label), {name}s filled from {@code values}. */
export function t(key, values) {
  const label = DICTIONARY[language][key];
  if (label === undefined) return key;
  return values ? label.replace(/\{(\w+)\}/g, (m, name) => values[name] === undefined ? m : values[name]) : label;
}

/** A number in the chosen locale. */
export function formatNumber(value) {
  if (value === null || value === undefined) return '';
  return new Intl.NumberFormat(language).format(value);
}

/** A date (YYYY-MM-DD) in the chosen locale. */
export function formatDate(value) {
  if (!value) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(value + 'T00:00:00Z'));
}

/** An instant in the chosen locale, in the browser's time zone. */
export function formatInstant(value) {
  if (!value) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}
