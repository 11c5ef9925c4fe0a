// Strings of a person campaign's performance ledger [实绩台账] kept by reporters and verified by the
// sections (issue 17 items 1–2), and the words that say 人员 instead of 单位 in a person campaign
// (campaign.subject: person); zh.ts and en.ts carry them as `personLedger`.
export const ledgerZh = {
  nav: '实绩台账',
  title: '实绩台账',
  intro: '记录本人的工作实绩：日期、做了什么、对应哪项重点工作，并附佐证材料；提交后由该项重点工作的责任科室审核，退回的可修改后重新提交。',
  notPerson: '本竞赛的参赛对象是单位，不记实绩台账。',
  add: '记录实绩', person: '人员', personUnit: '工作单位', date: '日期', what: '实绩内容', whatHint: '做了什么、取得什么成效（2000 字以内）',
  indicator: '重点工作', indicatorHint: '对应的考评指标（由其责任科室审核）', keyWork: '具体事项', keyWorkHint: '如：信访维稳（可选）',
  files: '佐证材料', pickFiles: '选择佐证材料', submit: '提交审核', submitted: '已提交，等待责任科室审核', required: '请填写',
  state: { recorded: '已记入', draft: '草稿', pending: '待审核', approved: '已通过', returned: '已退回' },
  saveDraft: '保存草稿', draftSaved: '草稿已保存：尚未提交，责任科室看不到', draftHint: '草稿尚未提交审核，修改完成后点“提交审核”',
  returnReason: '退回原因：{{reason}}', verifiedBy: '{{who}} 审核', edit: '修改', editTitle: '修改实绩记录', resubmit: '重新提交', saved: '已重新提交，等待审核',
  approve: '通过', return: '退回', returnTitle: '退回实绩记录', returnHint: '{{person}} · {{date}} · {{indicator}}', reason: '退回原因', reasonRequired: '请填写退回原因',
  approved: '已通过', returned: '已退回，报送人将在消息中看到原因', actions: '操作', empty: '暂无台账记录', queueEmpty: '没有待审核的台账记录',
  filter: { all: '全部', draft: '草稿', pending: '待审核', returned: '已退回', approved: '已通过' },
  queue: '实绩台账待审核 {{count}} 条', openQueue: '去审核', openEntry: '查看台账记录',
  pub: {
    name: '姓名', holders: '获得人员', units: '参赛人员', commended: '本期表扬人员', trendTitle: '本期前十名人员历次名次',
    searchPlaceholder: '输入姓名', noMatch: '没有找到该人员', notFound: '未找到该人员',
  },
  words: {
    subject: '人员', name: '姓名', filter: '按人员', entryFor: '{{name}} 数据填报', enterOwn: '填报该人员数据', forbidden: '您无权查看或填报该人员的数据',
    notApplicableHint: '该人员所在赛组不考核此指标', allSubjects: '全体人员', missingNone: '本期所有人员都已报齐', confirmRemind: '向催报名单中的 {{count}} 名人员发送提醒？', unitOf: '{{unit}} · {{post}}',
  },
};

export const ledgerEn: typeof ledgerZh = {
  nav: 'Ledger',
  title: 'Performance ledger',
  intro: 'Record what the person did: the date, what was done, which key work it belongs to, with evidence; the section responsible for that key work verifies it; a returned entry is corrected and submitted again.',
  notPerson: 'This campaign\'s competitors are units; it keeps no performance ledger.',
  add: 'Record an entry', person: 'Person', personUnit: 'Works at', date: 'Date', what: 'What was done', whatHint: 'What was done and achieved (up to 2000 characters)',
  indicator: 'Key work', indicatorHint: 'The indicator it belongs to (its section verifies it)', keyWork: 'Item', keyWorkHint: 'e.g. petition work (optional)',
  files: 'Evidence', pickFiles: 'Choose evidence files', submit: 'Submit for verification', submitted: 'Submitted; waiting for the section', required: 'Required',
  state: { recorded: 'Recorded', draft: 'Draft', pending: 'Waiting', approved: 'Approved', returned: 'Returned' },
  saveDraft: 'Save as draft', draftSaved: 'Draft saved: not submitted, the section does not see it', draftHint: 'A draft is not submitted yet: when it is ready, submit it',
  returnReason: 'Returned: {{reason}}', verifiedBy: 'verified by {{who}}', edit: 'Edit', editTitle: 'Edit the entry', resubmit: 'Submit again', saved: 'Submitted again; waiting for the section',
  approve: 'Approve', return: 'Return', returnTitle: 'Return the entry', returnHint: '{{person}} · {{date}} · {{indicator}}', reason: 'Reason', reasonRequired: 'Give the reason',
  approved: 'Approved', returned: 'Returned; the reporter sees the reason in the inbox', actions: 'Actions', empty: 'No entries yet', queueEmpty: 'No entries waiting',
  filter: { all: 'All', draft: 'Drafts', pending: 'Waiting', returned: 'Returned', approved: 'Approved' },
  queue: '{{count}} ledger entries waiting', openQueue: 'Verify them', openEntry: 'Open the ledger',
  pub: {
    name: 'Name', holders: 'Held by', units: 'People', commended: 'People commended', trendTitle: 'Ranks of this period\'s top ten people',
    searchPlaceholder: 'Enter a name', noMatch: 'Nobody of that name', notFound: 'Person not found',
  },
  words: {
    subject: 'Person', name: 'Name', filter: 'By person', entryFor: '{{name}}: data entry', enterOwn: 'Enter this person\'s figures', forbidden: 'You may not see or enter this person\'s figures',
    notApplicableHint: 'This person\'s group is not assessed on this indicator', allSubjects: 'Everyone', missingNone: 'Everyone has reported this period', confirmRemind: 'Send a reminder for the {{count}} person(s) on the list?', unitOf: '{{unit}} · {{post}}',
  },
};
