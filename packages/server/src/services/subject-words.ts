// Who competes (campaign.subject): a person campaign's bulletins say 人员/姓名 where a unit
// campaign's say 单位 (the web's lib/subject.ts decides the same for the pages). 计量单位 (a unit of
// measure) is not a competitor and keeps its word.
export type Subject = 'unit' | 'person' | undefined;

export function subjectWordsZh(subject: Subject) {
  const person = subject === 'person';
  return {
    /** the column naming the competitor */
    name: person ? '姓名' : '单位',
    /** the column of the competitor's code in the spec */
    code: person ? '人员编码' : '单位编码',
    pairs: person ? '结对人员' : '结对单位',
    leading: person ? '领先人员' : '领先单位',
    /** a flag's scope over every competitor */
    all: person ? '全体人员' : '全体单位',
  };
}
