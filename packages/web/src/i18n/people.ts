// Strings of ballots, people, selections (模范星) and the honours register (issue 17), in both
// languages; zh.ts and en.ts carry them as `people`.
export const peopleZh = {
  nav: { ballots: '测评投票', selections: '评选表彰', persons: '人员', honours: '表彰名录' },
  post: { secretary: '书记', team: '班子成员', member: '党员', cadre: '干部' },
  kind: { marks: '打分', approval: '推荐投票', levels: '等次测评（民主测评）' },
  ballotState: { open: '进行中', closed: '已结束' },
  selState: { nominating: '推荐中', voting: '投票中', tie: '并列待定', elected: '已产生', publicity: '公示中', confirmed: '已确认' },
  nomStatus: { nominated: '已推荐', elected: '当选', not_elected: '未当选', withdrawn: '已撤销', confirmed: '已确认' },
  objStatus: { open: '待处理', upheld: '异议成立', dismissed: '异议不成立' },
  persons: {
    title: '人员', name: '姓名', unit: '工作单位', post: '职务类别', organization: '所属组织', add: '登记人员', added: '已登记',
    empty: '暂无人员', required: '请填写', page: '人员详情',
  },
  person: {
    ledger: '实绩台账', date: '日期', what: '实绩内容', evidence: '佐证材料', keyWork: '重点工作', addEntry: '记入台账', entryAdded: '已记入台账',
    noLedger: '暂无台账记录', honours: '荣誉', noHonours: '暂无荣誉', scores: '得分与名次', noScores: '未参加人员竞赛',
    campaign: '竞赛', period: '期次', total: '得分', rank: '名次', streak: '蝉联 {{n}} 年',
    source: '来源', verified: '科室已审核', recorded: '组织部记入',
  },
  honours: {
    title: '表彰名录', honour: '荣誉', category: '类别', year: '年度', subject: '对象', citation: '表彰事由', add: '记入名录', added: '已记入名录',
    empty: '暂无表彰记录', person: '人员', unitName: '单位（填写名称）', allYears: '全部年度',
  },
  ballots: {
    title: '测评投票', create: '发起测评', titleField: '测评名称', kind: '方式', indicator: '计入指标', noIndicator: '不计入指标', period: '期次',
    weight: '满分', trim: '去掉最高最低分各', choose: '最多可选', groups: '评议组', groupName: '组名', groupWeight: '权重', raters: '人数',
    addGroup: '添加评议组', created: '测评已发起：以下链接只显示这一次，请分发给评议人', links: '评议人链接', turnout: '参评情况',
    issued: '发放', cast: '已投', close: '结束测评', closed: '测评已结束，结果已计入', closeConfirm: '结束后不能再投票，确定结束？',
    result: '结果', subject: '对象', figure: '得分', share: '赞成占比', outcome: '结论', empty: '暂无测评', levels: '等次（名称:分值，逗号分隔）',
    neverOne: '选票匿名：只统计人数与汇总结果，不显示单张选票',
    outcomeRules: '结论规则', outcomeHint: '按等次得票占比给出结论，依次检查，第一条满足的规则决定结论；都不满足则无结论',
    outcomeLevel: '等次', outcomeShare: '占比（如 0.6 或 1/3）', outcomeName: '结论', outcomeAdd: '添加规则', outcomeRemove: '删除规则', votes: '票占比',
  },
  selections: {
    title: '评选表彰', create: '发起评选', honour: '荣誉名称', category: '类别', quota: '名额', threshold: '得票率不低于', created: '评选已发起',
    empty: '暂无评选', nominations: '推荐对象', person: '人员', unit: '推荐单位', reason: '推荐理由', nominate: '推荐', nominated: '已推荐',
    openVoting: '开始投票', ratersHint: '评议人数', votingOpened: '投票已开始：以下链接只显示这一次，请分发给评议人',
    share: '得票率', status: '状态', tieTitle: '名额处出现并列：{{places}} 个名额，{{count}} 人并列', tieReason: '决定理由（记录在案）',
    tieExceed: '超出名额（全部表彰）', decideTie: '记录决定', publicity: '开始公示', until: '公示截止', publicityStarted: '已开始公示',
    publicPage: '公示页面', objections: '异议', objection: '异议内容', contact: '联系方式', reply: '处理意见', uphold: '异议成立（撤销）',
    dismiss: '异议不成立', noObjections: '暂无异议', confirm: '确认并记入表彰名录', confirmed: '已确认，记入表彰名录', tieDecision: '并列决定',
    fromRanking: '按量化排名推荐', rankingPeriod: '已关闭的期次', top: '前 N 名（含并列）',
  },
  vote: {
    title: '投票', group: '评议组：{{group}}', choose: '请选择不超过 {{n}} 人', submit: '提交选票', done: '投票成功，感谢参与。此链接已失效。',
    used: '此链接已投过票。', closed: '投票已结束。', notYet: '投票尚未开始。', tooMany: '最多可选 {{n}} 人', mark: '分（0–{{max}}）',
    anonymous: '匿名投票：选票不记录投票人。',
  },
  subject: {
    unit: '单位', person: '人员', unitPage: '单位详情', personPage: '人员详情', personRecord: '人员档案', board: '人员',
  },
  publicity: {
    title: '公示', until: '公示期至 {{until}}', list: '拟表彰名单', nominatedBy: '推荐单位', over: '公示期已结束', confirmed: '已确认表彰',
    objectTitle: '提出异议', about: '异议对象', general: '（整体）', text: '异议内容', contact: '联系方式', submit: '提交异议', filed: '异议已提交，组织部门将核查处理。',
    hint: '如对拟表彰对象有异议，请在公示期内实名反映，并提供联系方式。',
  },
};

export const peopleEn: typeof peopleZh = {
  nav: { ballots: 'Ballots', selections: 'Selections', persons: 'People', honours: 'Honours' },
  post: { secretary: 'Secretary', team: 'Leadership member', member: 'Party member', cadre: 'Cadre' },
  kind: { marks: 'Marks', approval: 'Approval vote', levels: 'Levels (democratic appraisal)' },
  ballotState: { open: 'Open', closed: 'Closed' },
  selState: { nominating: 'Nominating', voting: 'Voting', tie: 'Tie to decide', elected: 'Elected', publicity: 'Public notice', confirmed: 'Confirmed' },
  nomStatus: { nominated: 'Nominated', elected: 'Elected', not_elected: 'Not elected', withdrawn: 'Withdrawn', confirmed: 'Confirmed' },
  objStatus: { open: 'Open', upheld: 'Upheld', dismissed: 'Dismissed' },
  persons: {
    title: 'People', name: 'Name', unit: 'Works at', post: 'Post', organization: 'Organization', add: 'Add person', added: 'Added',
    empty: 'Nobody yet', required: 'Required', page: 'Person',
  },
  person: {
    ledger: 'Performance ledger', date: 'Date', what: 'What was done', evidence: 'Evidence', keyWork: 'Key work', addEntry: 'Add to ledger', entryAdded: 'Added to the ledger',
    noLedger: 'No ledger entries yet', honours: 'Honours', noHonours: 'No honours yet', scores: 'Scores and ranks', noScores: 'Not in a person campaign',
    campaign: 'Campaign', period: 'Period', total: 'Score', rank: 'Rank', streak: '{{n}} years in a row',
    source: 'Source', verified: 'verified by the section', recorded: 'recorded by the organizer',
  },
  honours: {
    title: 'Honours register', honour: 'Honour', category: 'Category', year: 'Year', subject: 'Subject', citation: 'Citation', add: 'Record', added: 'Recorded',
    empty: 'No honours yet', person: 'Person', unitName: 'Unit (by name)', allYears: 'All years',
  },
  ballots: {
    title: 'Ballots', create: 'Open a ballot', titleField: 'Title', kind: 'Kind', indicator: 'Enters indicator', noIndicator: 'No indicator', period: 'Period',
    weight: 'Full marks', trim: 'Drop highest and lowest, each', choose: 'Choose at most', groups: 'Rater groups', groupName: 'Group', groupWeight: 'Weight', raters: 'Raters',
    addGroup: 'Add group', created: 'Ballot opened: these links are shown only now — hand them to the raters', links: 'Rater links', turnout: 'Turnout',
    issued: 'Issued', cast: 'Cast', close: 'Close ballot', closed: 'Ballot closed; results entered', closeConfirm: 'No more votes after closing. Close it?',
    result: 'Result', subject: 'Subject', figure: 'Figure', share: 'Approval share', outcome: 'Outcome', empty: 'No ballots yet', levels: 'Levels (name:points, comma-separated)',
    neverOne: 'Anonymous: only counts and aggregates are shown, never a single ballot',
    outcomeRules: 'Outcome rules', outcomeHint: 'An outcome from the level shares; checked in order, the first rule that holds decides; none: no outcome',
    outcomeLevel: 'Level', outcomeShare: 'Share (e.g. 0.6 or 1/3)', outcomeName: 'Outcome', outcomeAdd: 'Add rule', outcomeRemove: 'Remove rule', votes: ' share',
  },
  selections: {
    title: 'Selections', create: 'Open a selection', honour: 'Honour', category: 'Category', quota: 'Quota', threshold: 'Approval share at least', created: 'Selection opened',
    empty: 'No selections yet', nominations: 'Nominees', person: 'Person', unit: 'Nominating unit', reason: 'Reason', nominate: 'Nominate', nominated: 'Nominated',
    openVoting: 'Open voting', ratersHint: 'Raters', votingOpened: 'Voting opened: these links are shown only now — hand them to the raters',
    share: 'Share', status: 'Status', tieTitle: 'Tie at the quota: {{count}} tied for {{places}} place(s)', tieReason: 'Reason (on record)',
    tieExceed: 'Exceed the quota (honour all)', decideTie: 'Record decision', publicity: 'Start public notice', until: 'Notice ends', publicityStarted: 'Public notice started',
    publicPage: 'Public page', objections: 'Objections', objection: 'Objection', contact: 'Contact', reply: 'Decision', uphold: 'Uphold (withdraw)',
    dismiss: 'Dismiss', noObjections: 'No objections', confirm: 'Confirm and record the honours', confirmed: 'Confirmed; recorded in the register', tieDecision: 'Tie decision',
    fromRanking: 'Nominate from the ranking', rankingPeriod: 'Closed period', top: 'Top N (ties included)',
  },
  vote: {
    title: 'Vote', group: 'Rater group: {{group}}', choose: 'Choose at most {{n}}', submit: 'Submit ballot', done: 'Thank you, your ballot is in. This link is now used.',
    used: 'This link has voted already.', closed: 'Voting has closed.', notYet: 'Voting has not opened yet.', tooMany: 'At most {{n}}', mark: 'marks (0–{{max}})',
    anonymous: 'Anonymous: the ballot does not record who cast it.',
  },
  subject: {
    unit: 'Unit', person: 'Person', unitPage: 'Unit', personPage: 'Person', personRecord: 'Person\'s record', board: 'Person',
  },
  publicity: {
    title: 'Public notice', until: 'Notice until {{until}}', list: 'To be honoured', nominatedBy: 'Nominated by', over: 'The notice period is over', confirmed: 'Honours confirmed',
    objectTitle: 'Raise an objection', about: 'About', general: '(in general)', text: 'Objection', contact: 'Contact', submit: 'Submit objection', filed: 'Objection received; it will be looked into.',
    hint: 'Objections to anyone listed may be raised during the notice period, with a way to contact you.',
  },
};
