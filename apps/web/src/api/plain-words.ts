import type { HumanName, Measure, Stage } from './referral-types';

/** A referral's stage as the referrer reads it. */
export const STAGE_LABELS: Record<Stage, string> = {
  received: 'Received',
  'needs-information': 'Needs information',
  accepted: 'Accepted',
  scheduled: 'Scheduled',
  'in-treatment': 'In treatment',
  completed: 'Completed',
  declined: 'Declined',
  cancelled: 'Cancelled',
};

export const stageLabel = (stage: string): string => STAGE_LABELS[stage as Stage] ?? stage;

/** The stages whose reason the referrer needs to read: why it was declined, what the clinic asks. */
export const showsReason = (stage: string): boolean => stage === 'declined' || stage === 'needs-information';

export const MEASURE_LABELS: Record<Measure, string> = {
  phq9: 'PHQ-9 depression score',
  gad7: 'GAD-7 anxiety score',
  pain: 'Pain 0–10',
};

export const SERIES_KINDS: Record<string, string> = { mood: 'Mood (depression, anxiety, PTSD)', pain: 'Pain' };

export const fullName = (name: HumanName): string => [...name.given, name.family].join(' ');

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date (YYYY-MM-DD) as a date, without a time zone moving it a day. */
export function calendarDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return y && m && d ? dateFormat.format(new Date(y, m - 1, d)) : day;
}

export const moment = (iso: string): string => dateTimeFormat.format(new Date(iso));
export const dayOf = (iso: string): string => dateFormat.format(new Date(iso));
