import { z } from 'zod';
import type { BookingType } from '../../db/schema.js';
import type { ChoiceDetails } from '../checkout/choices.js';
import type { BookingQuestion } from './edit-booking-type.js';

const questionList = z.array(z.object({ id: z.string(), label: z.string(), required: z.boolean() }));

/** The session type's questions to the client (an unreadable list asks nothing). */
export function questionsOf(type: Pick<BookingType, 'questions'>): BookingQuestion[] {
  try {
    const parsed = questionList.safeParse(JSON.parse(type.questions));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The form field of a question's answer (a checkout detail, `d.q_<id>`). */
export function answerField(q: BookingQuestion): string {
  return `q_${q.id}`;
}

/** The answers by question id; undefined when a required one is empty. */
export function answersFrom(
  questions: readonly BookingQuestion[],
  details: ChoiceDetails,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const q of questions) {
    const a = details[answerField(q)]?.trim() ?? '';
    if (q.required && !a) return undefined;
    if (a) out[q.id] = a;
  }
  return out;
}
