// Complete campaigns of each practice Leitai serves, to start from and adapt [方案模板]. Each is a
// valid spec (tested against the engine) with units and figures to be replaced by the organizer's.
export interface CampaignModel {
  key: 'paired' | 'arena' | 'stars' | 'people';
  /** shown as the model's title and explained in Chinese on the page */
  name: string;
  nameEn: string;
  points: string[];
  pointsEn: string[];
  yaml: (year: number) => string;
}

const paired = (y: number) => `version: 1
campaign: { id: bxgc-${y}, name: ${y}年度比学赶超结对竞赛, organizer: 县委组织部, year: ${y}, cadence: month, ranking: competition, precision: 2, description: 围绕年度重点工作，乡镇、园区分组结对比拼，每月排名评旗，连续落后逐级问责。 }
groups:
  - { id: town, name: 乡镇组 }
  - { id: park, name: 园区组 }
units:
  - { id: qingxi, name: 青溪镇, group: town }
  - { id: baishi, name: 白石镇, group: town }
  - { id: hekou, name: 河口镇, group: town }
  - { id: shanyang, name: 山阳镇, group: town }
  - { id: gaoxin, name: 高新区, group: park }
  - { id: jingkai, name: 经开区, group: park }
pairs:
  - { id: pair-1, units: [qingxi, baishi] }
  - { id: pair-2, units: [hekou, shanyang] }
  - { id: pair-3, units: [gaoxin, jingkai] }
indicators:
  - id: gdzc
    name: 固定资产投资
    measure: 亿元
    input: value
    weight: 40
    method: schedule
    target: { default: 12, gaoxin: 30, jingkai: 25 }
    cap: 1.2
  - id: czsr
    name: 一般公共预算收入
    measure: 万元
    input: value
    weight: 30
    method: completion
    target: 5000
    base: 4500
  - id: zsyz
    name: 招商引资到位资金
    measure: 亿元
    input: value
    weight: 20
    method: rank
  - id: djgz
    name: 党建工作
    input: score
    weight: 10
    standard: 按县委组织部党建工作考核细则逐月评分，满分 10 分。
  - id: aqsc
    name: 安全生产事故
    input: event
    effect: penalty
    points: 2
    cap: 6
flags:
  - { id: red, name: 红旗, color: red, award: top, count: 1, scope: group }
  - { id: yellow, name: 黄旗, color: yellow, award: bottom, count: 1, scope: group }
rules:
  - { id: tixing, name: 提醒谈话, action: reminder, repeat: false, when: { flag: yellow } }
  - { id: duban, name: 督办, action: supervision, repeat: false, when: { flag: yellow, consecutive: 2 } }
  - { id: yuetan, name: 约谈, action: interview, repeat: false, when: { flag: yellow, consecutive: 3 } }
  - { id: baodi, name: 年中保底督办, action: supervision, at: ['${y}-06'], when: { below_base: [czsr] } }
`;

const arena = (y: number) => `version: 1
campaign: { id: lhb-${y}, name: ${y}年度龙虎榜擂台赛, organizer: 县委督查办, year: ${y}, cadence: quarter }
groups:
  - { id: town, name: 乡镇 }
  - { id: dept, name: 县直部门 }
units:
  - { id: qingxi, name: 青溪镇, group: town }
  - { id: baishi, name: 白石镇, group: town }
  - { id: hekou, name: 河口镇, group: town }
  - { id: fgw, name: 县发改委, group: dept }
  - { id: zjj, name: 县住建局, group: dept }
  - { id: nyj, name: 县农业农村局, group: dept }
indicators:
  - id: xmkg
    name: 重点项目开工率
    category: 项目推进
    measure: "%"
    input: value
    weight: 30
    method: best
    cumulative: true
  - id: xmtz
    name: 项目完成投资
    category: 项目推进
    measure: 亿元
    input: value
    weight: 30
    method: range
    min: 0
  - id: msss
    name: 民生实事擂台
    category: 民生实事
    input: score
    weight: 20
    standard: 由县民生办按季度评分：项目按期完成 10 分，群众满意度 10 分。
  - id: yshj
    name: 营商环境擂台
    category: 营商环境
    input: score
    weight: { town: 15, dept: 20 }
    standard: 由县营商办按季度评分：办件时限、投诉办结、企业评价各占三分之一。
  - id: zhfw
    name: 擂台攻坚加分
    input: event
    effect: bonus
    points: 1
    cap: 3
flags:
  - { id: long, name: 龙头, color: red, award: top, count: 1, scope: all }
  - { id: hu, name: 虎尾, color: yellow, award: bottom, count: 1, scope: all }
  - { id: xmxf, name: 项目推进先锋旗, color: red, award: top, count: 1, scope: all, indicator: xmtz, mobile: true }
rules:
  - { id: duban, name: 督办单, action: supervision, when: { flag: hu, consecutive: 2 } }
`;

const stars = (y: number) => `version: 1
campaign: { id: dqpx-${y}, name: ${y}年度夺旗评星, organizer: 县委组织部, year: ${y}, cadence: quarter }
groups:
  - { id: town, name: 乡镇 }
units:
  - { id: qingxi, name: 青溪镇, group: town }
  - { id: baishi, name: 白石镇, group: town }
  - { id: hekou, name: 河口镇, group: town }
  - { id: shanyang, name: 山阳镇, group: town }
  - { id: longtan, name: 龙潭镇, group: town }
indicators:
  - id: xczx
    name: 乡村振兴
    input: value
    weight: 35
    method: completion
    target: 100
  - id: zsyz
    name: 招商引资
    measure: 亿元
    input: value
    weight: 35
    method: schedule
    target: 8
  - id: jczl
    name: 基层治理
    input: score
    weight: 30
  - id: rongyu
    name: 市级以上表彰
    input: event
    effect: bonus
    points: 1
  - id: foujue
    name: 重大安全事故
    input: event
    effect: veto
flags:
  - { id: xczx-qi, name: 乡村振兴流动红旗, color: red, award: top, count: 1, scope: all, indicator: xczx, mobile: true }
  - { id: zsyz-qi, name: 招商引资流动红旗, color: red, award: top, count: 1, scope: all, indicator: zsyz, mobile: true }
  - { id: jczl-qi, name: 基层治理流动红旗, color: red, award: top, count: 1, scope: all, indicator: jczl, mobile: true }
summary:
  method: flags
  points: { xczx-qi: 1, zsyz-qi: 1, jczl-qi: 1 }
  grades:
    - { id: five, name: 五星, count: 1 }
    - { id: four, name: 四星, min_total: 2 }
    - { id: three, name: 三星 }
rules:
  - { id: fj, name: 一票否决审查, action: review, when: { vetoed: true } }
`;

const people = (y: number) => `version: 1
campaign: { id: sjkh-${y}, name: ${y}年度领导干部实绩考核, organizer: 县委组织部, year: ${y}, cadence: quarter }
groups:
  - { id: zz, name: 乡镇党政正职 }
  - { id: bm, name: 部门主要负责人 }
units:
  - { id: zhangsan, name: 张三（青溪镇党委书记）, group: zz }
  - { id: lisi, name: 李四（白石镇党委书记）, group: zz }
  - { id: wangwu, name: 王五（河口镇镇长）, group: zz }
  - { id: zhaoliu, name: 赵六（县发改委主任）, group: bm }
  - { id: sunqi, name: 孙七（县住建局局长）, group: bm }
indicators:
  - { id: de, name: 政治素质（德）, input: score, weight: 20 }
  - { id: neng, name: 履职能力（能）, input: score, weight: 20 }
  - { id: qin, name: 工作作风（勤）, input: score, weight: 15 }
  - { id: ji, name: 工作实绩（绩）, input: score, weight: 35 }
  - { id: lian, name: 廉洁自律（廉）, input: score, weight: 10 }
  - { id: wj, name: 违纪违规, input: event, effect: veto }
flags: []
summary:
  method: mean
  grades:
    - { id: excellent, name: 优秀, share: 0.2, min_total: 90 }
    - { id: competent, name: 称职, min_total: 60 }
    - { id: basic, name: 基本称职, min_total: 50 }
    - { id: incompetent, name: 不称职 }
rules:
  - { id: tixing, name: 提醒谈话, action: reminder, when: { rank: bottom, scope: group, count: 1, consecutive: 2 } }
`;

export const MODELS: CampaignModel[] = [
  {
    key: 'paired', name: '比学赶超结对竞赛', nameEn: 'Paired competition (比学赶超)', yaml: paired,
    points: [
      '乡镇、园区分组比拼，两两结对，每月排名一次。',
      '固定资产投资按序时进度计分（超过序时最多得 1.2 倍），财政收入按完成率（设基本目标），招商引资按组内排位赋分，党建工作由科室按公布的标准评分，安全生产事故扣分。',
      '每月每组第一名获红旗、末位获黄旗；连续获黄旗依次提醒谈话、督办、约谈（三级问责阶梯，每轮各一次）；6 月财政收入低于基本目标的督办。',
    ],
    pointsEn: [
      'Towns and parks compete in groups, in pairs, ranked every month.',
      'Investment scored by pro-rata schedule (up to 1.2×), revenue by completion, investment attraction by rank in group, Party building scored by a section, safety incidents deducted.',
      'Each month the first of each group gets the red flag and the last the yellow; yellow flags in a row lead to a reminder, supervision, then an interview (a 3-step ladder).',
    ],
  },
  {
    key: 'arena', name: '龙虎榜 + 擂台赛', nameEn: 'Leaderboards and arena (龙虎榜 + 擂台赛)', yaml: arena,
    points: [
      '乡镇与县直部门同台比拼，按季度排名；指标分为项目推进、民生实事、营商环境等类别，分类出龙虎榜。',
      '项目指标按最高值折算、极差法计分；擂台项目由牵头科室按公布的评分标准打分；攻坚成效另行加分。',
      '每季总分第一为“龙头”、末位为“虎尾”，项目推进先锋旗在单位间流动；连续两季虎尾发督办单。',
    ],
    pointsEn: [
      'Towns and county departments compete quarterly; indicators fall into categories with their own leaderboards.',
      'Project indicators scored against the best and by range; arena items scored by the leading section against a published standard; bonus points for breakthroughs.',
      'The first overall is the dragon, the last the tiger; a mobile project banner passes between units; two tiger quarters in a row bring a supervision notice.',
    ],
  },
  {
    key: 'stars', name: '夺旗评星', nameEn: 'Flags and stars (夺旗评星)', yaml: stars,
    points: [
      '每项重点工作设一面流动红旗，每季度授予该项得分最高的单位。',
      '年度星级按夺旗数计：夺旗得分 + 表彰加分，发生重大安全事故一票否决。',
      '夺旗得分第一的单位为五星，夺旗 2 面以上为四星，其余为三星；被否决的单位进入审查。',
    ],
    pointsEn: [
      'Each key work has a mobile red flag, awarded every quarter to the unit with the best score on it.',
      'The year\'s stars count the flags won, plus honours, minus nothing: a major accident vetoes the unit.',
      'The first gets five stars, two flags or more four, the rest three; vetoed units are reviewed.',
    ],
  },
  {
    key: 'people', name: '实绩考核', nameEn: 'Performance review of officials (实绩考核)', yaml: people,
    points: [
      '考核对象是领导干部个人，按岗位分组，每季度考核一次。',
      '德、能、勤、绩、廉五项由考核组评分，违纪违规一票否决。',
      '年度按各季平均分定等次：前 20% 且 90 分以上为优秀，60 分以上称职，50 分以上基本称职，其余不称职；组内连续两季末位提醒谈话。',
    ],
    pointsEn: [
      'Those reviewed are officials, grouped by post, reviewed every quarter.',
      'Integrity, ability, diligence, results and probity are scored by the review team; a breach of discipline vetoes.',
      'The year\'s grade follows the mean of the quarters: top 20 % and 90 or more excellent, 60 competent, 50 basically competent, else incompetent.',
    ],
  },
];
