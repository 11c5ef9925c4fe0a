// Who competes (campaign.subject): a person campaign's pages say 人员/姓名 where a unit campaign's
// say 单位. One place decides the words, so every page (entry grid, reporter's form, verification,
// bulletins, phone and big screen) says the same; the leaderboard and the designer use the same keys.
import { createContext, useContext } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export type Subject = 'unit' | 'person' | undefined;

export const isPersonCampaign = (subject: Subject) => subject === 'person';

/** The competitor words of a campaign, in the current language. */
export function subjectWords(t: TFunction, subject: Subject) {
  const person = isPersonCampaign(subject);
  return {
    /** a column or label naming the competitor: 人员 / 单位 */
    subject: person ? t('people.subject.board') : t('board.unit'),
    /** the filter of the verification list */
    filter: person ? t('personLedger.words.filter') : t('verify.filterUnit'),
    /** the reporter's form title */
    entryFor: (name: string) => (person ? t('personLedger.words.entryFor', { name }) : t('entry.formTitle', { unit: name })),
    /** the unit page's link to its own entry form */
    enterOwn: person ? t('personLedger.words.enterOwn') : t('unit.enter'),
    forbidden: person ? t('personLedger.words.forbidden') : t('entry.forbidden'),
    notApplicableHint: person ? t('personLedger.words.notApplicableHint') : t('entry.notApplicableHint'),
    /** "everyone" as the bulletin's scope says it */
    all: person ? t('personLedger.words.allSubjects') : null,
  };
}

/** Remembered per campaign by useCampaign, so the campaign's tabs know it without loading it again. */
const known = new Map<string, 'unit' | 'person'>();
export const rememberSubject = (campaignId: string, subject: 'unit' | 'person') => { known.set(campaignId, subject); };
export const knownSubject = (campaignId: string): Subject => known.get(campaignId);

/**
 * The published pages (bulletin view, print, phone, big screen) read the subject from the bulletin's
 * content (content.campaign.subject); their parts take it from this context.
 */
export const SubjectContext = createContext<Subject>(undefined);

/** The keys of the published pages that name competitors, and their person-campaign words. */
const PERSON_WORDS: Record<string, string> = {
  'doc.unit': 'personLedger.pub.name', 'doc.holders': 'personLedger.pub.holders',
  'screen.units': 'personLedger.pub.units', 'screen.commended': 'personLedger.pub.commended', 'screen.trendTitle': 'personLedger.pub.trendTitle',
  'phone.searchPlaceholder': 'personLedger.pub.searchPlaceholder', 'phone.noMatch': 'personLedger.pub.noMatch', 'phone.notFound': 'personLedger.pub.notFound',
  // the periods page's 催报 list
  'periods.missingNone': 'personLedger.words.missingNone', 'periods.confirmRemind': 'personLedger.words.confirmRemind', 'periods.unit': 'personLedger.words.subject',
};

/** `t` of useTranslation, saying 人员/姓名 for a person campaign (the subject given, or the context's). */
export function useSubjectTranslation(subject?: Subject) {
  const { t, i18n } = useTranslation();
  const fromContext = useContext(SubjectContext);
  const person = isPersonCampaign(subject ?? fromContext);
  const st = ((key: string, opts?: Record<string, unknown>) => t(person && PERSON_WORDS[key] ? PERSON_WORDS[key] : key, opts as never)) as unknown as TFunction;
  return { t: st, i18n };
}
