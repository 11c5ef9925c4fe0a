// English, for visitors and for the people who maintain the platform.
import type { Messages } from './zh.ts';

export const en: Messages = {
  app: { name: 'Leitai', subtitle: 'Performance competitions', langSwitch: '中文', logout: 'Sign out', loading: 'Loading…' },
  nav: { campaigns: 'Campaigns', leaderboard: 'Leaderboard', entry: 'Data entry', spec: 'Spec', newCampaign: 'Import / new', unit: 'Unit', home: 'Home' },
  roles: { admin: 'Administrator', organizer: 'Organizer', scorer: 'Scorer', reporter: 'Reporter', leader: 'Leader' },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in',
    usernameRequired: 'Enter your username', passwordRequired: 'Enter your password', hint: 'County performance competitions',
  },
  cadence: { month: 'Monthly', quarter: 'Quarterly', half: 'Half-yearly', year: 'Yearly' },
  status: { active: 'Active', archived: 'Archived' },
  campaigns: {
    title: 'Campaigns', name: 'Name', year: 'Year', cadence: 'Cadence', status: 'Status', organizer: 'Organizer',
    version: 'Version', updatedAt: 'Updated', actions: 'Actions', open: 'Leaderboard', entry: 'Entry', spec: 'Spec',
    importNew: 'Import / new', empty: 'No campaigns yet: import a campaign spec',
  },
  spec: {
    newTitle: 'Import / new campaign spec', editTitle: 'Edit campaign spec', upload: 'Choose file', paste: 'Paste or edit the spec below (YAML or JSON)',
    save: 'Save', create: 'Import and create', issuesTitle: 'The spec has {{count}} error(s); nothing was saved', line: 'line {{line}}', noLine: 'no line',
    created: 'Campaign created', saved: 'New version saved', empty: 'The spec is empty', lines: '{{count}} lines',
  },
  board: {
    period: 'Period', view: 'View', all: 'Overall', group: 'By group', pair: 'Pairs', indicator: 'Indicator',
    rank: 'Rank', unit: 'Unit', groupCol: 'Group', total: 'Total', delta: 'Move', deltaHint: 'Change of group rank since the previous period', flags: 'Flags', vetoed: 'Vetoed',
    noData: 'No data for this period', noPeriods: 'No figures reported yet', winner: 'Winner', margin: 'Margin', tie: 'Tie', vetoWin: 'opponent vetoed',
    pickIndicator: 'Indicator', value: 'Value', ytd: 'Year to date', target: 'Target', expected: 'Expected', ratio: 'Ratio',
    score: 'Score', indRank: 'Rank', missing: 'missing', events: 'Events',
    actionsTitle: 'Accountability actions', noActions: 'No actions this period', rule: 'Rule', action: 'Action', reason: 'Reason',
    flagsTitle: 'Flag holders', holders: 'Holders', previous: 'Previous', kept: 'Kept', lost: 'Lost', live: 'Live',
    liveHint: 'Refreshes when figures change', summary: 'Year so far', grade: 'Grade',
  },
  actionKinds: { supervision: 'Supervision', interview: 'Interview', reminder: 'Reminder', review: 'Review' },
  unit: {
    title: 'Unit', indicators: 'Indicators', indicator: 'Indicator', figure: 'Figure', progress: 'Schedule progress',
    explain: 'How it was scored', indRank: 'Rank (group / all)', whyRank: 'Why this rank', whyFlags: 'Why these flags', trend: 'Total and rank over time', totalSeries: 'Total',
    rankSeries: 'Group rank', ahead: 'ahead of schedule', behind: 'behind schedule', enter: 'Enter this unit’s figures', noHistory: 'No history yet',
  },
  entry: {
    title: 'Data entry', save: 'Save', saving: 'Saving…', saved: 'Saved', savedBy: 'Saved by {{who}} at {{when}}',
    hint: 'Type in a cell; Enter or leaving the cell saves it; an empty cell deletes the figure.', readonly: 'Not yours to enter',
    forbidden: 'You may not see or enter this unit’s figures', openForm: 'Form', formTitle: '{{unit}}: data entry', weight: 'out of {{weight}}',
    eventHint: 'count (whole number)',
  },
  inputKind: { value: 'Value', score: 'Score', event: 'Event' },
  common: { back: 'Back', retry: 'Retry', error: 'Something went wrong', forbidden: 'Forbidden', notFound: 'Not found', reload: 'Reload', none: '—' },
};
