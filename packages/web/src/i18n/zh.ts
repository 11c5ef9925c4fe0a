// Chinese: the language of the people who run these competitions, and the default.
export const zh = {
  app: { name: '擂台', subtitle: '绩效竞赛管理平台', langSwitch: 'English', logout: '退出登录', loading: '加载中…' },
  nav: { campaigns: '竞赛列表', leaderboard: '排行榜', entry: '数据填报', spec: '竞赛方案', newCampaign: '导入/新建', unit: '单位详情', home: '首页' },
  roles: { admin: '系统管理员', organizer: '组织部', scorer: '评分科室', reporter: '填报单位', leader: '领导' },
  login: {
    title: '登录', username: '用户名', password: '密码', submit: '登录',
    usernameRequired: '请输入用户名', passwordRequired: '请输入密码', hint: '县委组织部 绩效竞赛',
  },
  cadence: { month: '月度', quarter: '季度', half: '半年', year: '年度' },
  status: { active: '进行中', archived: '已归档' },
  campaigns: {
    title: '竞赛列表', name: '竞赛名称', year: '年度', cadence: '周期', status: '状态', organizer: '组织单位',
    version: '方案版本', updatedAt: '更新时间', actions: '操作', open: '排行榜', entry: '填报', spec: '方案',
    importNew: '导入/新建', empty: '暂无竞赛，请导入竞赛方案',
  },
  spec: {
    newTitle: '导入/新建竞赛方案', editTitle: '编辑竞赛方案', upload: '选择文件', paste: '在下方粘贴或编辑方案（YAML 或 JSON）',
    save: '保存', create: '导入并创建', issuesTitle: '方案有 {{count}} 处错误，未保存', line: '第 {{line}} 行', noLine: '无行号',
    created: '竞赛已创建', saved: '新版本已保存', empty: '方案内容不能为空', lines: '{{count}} 行',
  },
  board: {
    period: '期次', view: '视图', all: '总排名', group: '分组', pair: '结对', indicator: '单项',
    rank: '名次', unit: '单位', groupCol: '赛组', total: '总分', delta: '升降', deltaHint: '组内名次较上期的变化', flags: '旗帜', vetoed: '一票否决',
    noData: '本期暂无数据', noPeriods: '尚无任何填报数据', winner: '胜方', margin: '分差', tie: '并列', vetoWin: '对方被否决',
    pickIndicator: '选择指标', value: '本期值', ytd: '累计值', target: '目标', expected: '序时目标', ratio: '完成比',
    score: '得分', indRank: '指标名次', missing: '未报', events: '次数',
    actionsTitle: '督查问责', noActions: '本期无问责事项', rule: '规则', action: '措施', reason: '原因',
    flagsTitle: '旗帜归属', holders: '持有', previous: '上期', kept: '保持', lost: '失去', live: '实时',
    liveHint: '数据变化时自动刷新', summary: '年度累计', grade: '等次',
  },
  actionKinds: { supervision: '督办', interview: '约谈', reminder: '提醒', review: '审查' },
  unit: {
    title: '单位详情', indicators: '各项指标', indicator: '指标', figure: '填报值', progress: '序时进度',
    explain: '计分说明', indRank: '指标名次（组内/全部）', whyRank: '名次说明', whyFlags: '旗帜说明', trend: '得分与名次走势', totalSeries: '总分',
    rankSeries: '组内名次', ahead: '超序时', behind: '落后序时', enter: '填报本单位数据', noHistory: '暂无历史数据',
  },
  entry: {
    title: '数据填报', save: '保存', saving: '保存中…', saved: '已保存', savedBy: '{{who}} 于 {{when}} 保存',
    hint: '直接在单元格中输入，回车或离开单元格即保存；清空即删除该数据。', readonly: '无权填报',
    forbidden: '您无权查看或填报该单位的数据', openForm: '表单', formTitle: '{{unit}} 数据填报', weight: '满分 {{weight}}',
    eventHint: '次数（整数）',
  },
  inputKind: { value: '数值', score: '评分', event: '事件' },
  common: { back: '返回', retry: '重试', error: '出错了', forbidden: '无权访问', notFound: '未找到', reload: '刷新', none: '—' },
};

export type Messages = typeof zh;
