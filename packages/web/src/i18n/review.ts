// Strings of review meetings (双月表态会 / 季度过堂会), supervision records, the interview form and
// the case settings (issue 15), in both languages; zh.ts and en.ts carry them as `review`.
export const reviewZh = {
  nav: { meetings: '过堂会', supervision: '督查记录' },
  supervision: {
    title: '督查记录', new: '新增督查记录', kind: '督查方式', unit: '被督查单位', checkedOn: '督查日期', findings: '发现问题', checkers: '督查人员（用、分隔）', checkersShort: '督查人员',
    files: '照片和材料', upload: '上传照片/材料', empty: '暂无督查记录', allKinds: '全部', allUnits: '全部单位', created: '已记录', required: '请填写',
    event: '计入加减分', eventTitle: '按督查发现计入加减分事项', indicator: '加减分指标', period: '计入考核期', count: '次数', eventDone: '已计入“{{indicator}}”（{{period}}）：累计 {{value}} 次，待审核后计分',
    noEventIndicator: '本竞赛没有加减分事项指标', openCase: '下发问责文书', caseKind: '文书种类', reason: '事由', due: '办理期限', caseDone: '已下发 {{number}}',
    cases: '由此下发', save: '保存', cancel: '取消', effects: { bonus: '加分', penalty: '扣分', veto: '否决' },
    kinds: { weekly: '周督查', unannounced: '明察暗访', four_nots: '四不两直', special: '专项督查' },
  },
  interview: {
    title: '约谈记录', record: '记录约谈', edit: '修改约谈记录', at: '约谈时间', place: '约谈地点', interviewers: '谈话人（用、分隔）', interviewees: '被谈话人（用、分隔）',
    interviewersShort: '谈话人', intervieweesShort: '被谈话人', minutes: '谈话记录', promises: '表态与承诺', followUps: '跟进事项', addFollowUp: '增加一项', text: '事项', due: '期限',
    done: '已完成', remove: '删除', none: '暂无约谈记录', save: '保存', cancel: '取消', saved: '约谈记录已保存', required: '请填写',
  },
  settings: {
    open: '问责设置', title: '问责设置', kinds: '文书种类（按升级顺序）', id: '代码', name: '名称', numberFormat: '文号格式（{year} 年份，{n} 序号）', dueDays: '办理天数',
    addKind: '增加种类', remove: '删除', nearingDays: '临期提醒（到期前天数）', publicAccountability: '公开页面显示问责内容（默认不显示）', save: '保存', cancel: '取消', saved: '问责设置已保存', required: '请填写',
    formatHint: '须包含 {n}',
  },
  meetings: {
    title: '表态会 / 过堂会', new: '安排会议', kind: '会议类型', period: '考核期', titleLabel: '会议名称', titleHint: '不填则自动生成', heldOn: '日期', place: '地点',
    agenda: '议程（每行一项）', units: '参会单位', laggardsHint: '已按本期结果预选后进单位（末位、黄旗、问责规则），可调整', noResult: '该考核期尚无计算结果，请手动选择单位',
    reasons: '列入原因', byHand: '组织者指定', empty: '暂无会议', state: '状态', statement: '表态', commitments: '承诺事项（每行一项）', commitmentsShort: '承诺事项', toCommitment: '转为公开承诺草稿', openCommitment: '查看公开承诺',
    noStatement: '未表态', record: '记录表态', followUps: '跟进事项', addFollowUp: '增加跟进事项', followText: '事项', due: '期限', asCase: '同时下发问责文书',
    noCase: '仅作跟进事项', toCase: '转为问责事项', caseKind: '文书种类', done: '已完成', minutes: '下载会议纪要（Word）', editUnits: '调整参会单位',
    hold: '标记为已召开', close: '归档', closeConfirm: '归档后会议内容不能再修改，确定归档？', partial: '仅显示本单位的内容', unit: '单位', save: '保存', saved: '已保存',
    created: '会议已安排', required: '请填写', cancel: '取消', confirm: '确定', none: '无', agendaTitle: '议程', noFollowUps: '暂无跟进事项',
    kinds: { bimonthly: '双月表态会', quarterly: '季度过堂会', report: '述职会' },
    states: { planned: '筹备中', held: '已召开', closed: '已归档' },
  },
};

export const reviewEn: typeof reviewZh = {
  nav: { meetings: 'Review meetings', supervision: 'Supervision' },
  supervision: {
    title: 'Supervision records', new: 'New record', kind: 'Kind of check', unit: 'Unit checked', checkedOn: 'Date', findings: 'Findings', checkers: 'Checked by (separate with 、)', checkersShort: 'Checked by',
    files: 'Photos and files', upload: 'Upload a photo or file', empty: 'No supervision records yet', allKinds: 'All', allUnits: 'All units', created: 'Recorded', required: 'Required',
    event: 'Penalty or bonus', eventTitle: 'A penalty or bonus from the findings', indicator: 'Event indicator', period: 'Period', count: 'Times', eventDone: 'Counted in "{{indicator}}" ({{period}}): {{value}} in all, scored once verified',
    noEventIndicator: 'The campaign has no event indicator', openCase: 'Issue a case', caseKind: 'Case kind', reason: 'Reason', due: 'Due', caseDone: '{{number}} issued',
    cases: 'Cases issued', save: 'Save', cancel: 'Cancel', effects: { bonus: 'bonus', penalty: 'penalty', veto: 'veto' },
    kinds: { weekly: 'Weekly check', unannounced: 'Unannounced visit', four_nots: 'Four-nots check', special: 'Special check' },
  },
  interview: {
    title: 'Interview', record: 'Record the interview', edit: 'Edit the interview record', at: 'Time', place: 'Place', interviewers: 'Interviewers (separate with 、)', interviewees: 'Interviewees (separate with 、)',
    interviewersShort: 'Interviewers', intervieweesShort: 'Interviewees', minutes: 'Minutes', promises: 'Promises made', followUps: 'Follow-ups', addFollowUp: 'Add one', text: 'What', due: 'Due',
    done: 'Done', remove: 'Remove', none: 'No interview recorded', save: 'Save', cancel: 'Cancel', saved: 'Interview record saved', required: 'Required',
  },
  settings: {
    open: 'Case settings', title: 'Case settings', kinds: 'Document kinds (in escalation order)', id: 'Code', name: 'Name', numberFormat: 'Number format ({year} the year, {n} the number)', dueDays: 'Days to handle',
    addKind: 'Add a kind', remove: 'Remove', nearingDays: 'Nearing reminder (days before due)', publicAccountability: 'Public pages show accountability (off by default)', save: 'Save', cancel: 'Cancel', saved: 'Case settings saved', required: 'Required',
    formatHint: 'must contain {n}',
  },
  meetings: {
    title: 'Review meetings', new: 'Arrange a meeting', kind: 'Kind', period: 'Period', titleLabel: 'Title', titleHint: 'Generated when left empty', heldOn: 'Date', place: 'Place',
    agenda: 'Agenda (one item a line)', units: 'Units called', laggardsHint: 'The period\'s laggards (last places, yellow flags, rules) are preselected; change as needed', noResult: 'The period has no results yet: choose the units by hand',
    reasons: 'Why called', byHand: 'Chosen by the organizer', empty: 'No meetings yet', state: 'State', statement: 'Statement', commitments: 'Commitments (one a line)', commitmentsShort: 'Commitments', toCommitment: 'Make it a public commitment (draft)', openCommitment: 'Open the public commitment',
    noStatement: 'No statement yet', record: 'Record the statement', followUps: 'Follow-ups', addFollowUp: 'Add a follow-up', followText: 'What', due: 'Due', asCase: 'Issue a case for it',
    noCase: 'A follow-up item only', toCase: 'Make it a case', caseKind: 'Case kind', done: 'Done', minutes: 'Download the minutes (Word)', editUnits: 'Change the units called',
    hold: 'Mark as held', close: 'Close', closeConfirm: 'A closed meeting can no longer be changed. Close it?', partial: 'Only your unit\'s part is shown', unit: 'Unit', save: 'Save', saved: 'Saved',
    created: 'Meeting arranged', required: 'Required', cancel: 'Cancel', confirm: 'OK', none: 'None', agendaTitle: 'Agenda', noFollowUps: 'No follow-ups yet',
    kinds: { bimonthly: 'Bimonthly statement meeting', quarterly: 'Quarterly review meeting', report: 'Work report meeting' },
    states: { planned: 'Planned', held: 'Held', closed: 'Closed' },
  },
};
