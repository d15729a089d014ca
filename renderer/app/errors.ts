import { useTranslation } from 'react-i18next';
import { toDeskError } from '../../common/desk-api/index.js';
import { koreanOnly } from '../../common/text/index.js';

/**
 * A DeskApi failure as a sentence a counsellor can act on: the code's explanation in the current
 * language, plus the service's own message where it says more (validation details, server text).
 * A refusal (forbidden) shows only the explanation unless `refusalReason` asks for the reason too.
 */
export function useErrorText(options: { refusalReason?: boolean } = {}): (err: unknown) => string {
  const { t, i18n } = useTranslation('app');
  const { refusalReason = false } = options;
  return (err) => {
    const e = toDeskError(err);
    const head = t(`errors.${e.code}`);
    // English glosses belong in logs; on screen the Korean is enough (the en locale keeps its own words).
    const plain = (s: string) => (i18n.language === 'ko' ? koreanOnly(s) : s);
    if (e.issues?.length) return `${head}: ${e.issues.map((i) => plain(i.message)).join(', ')}`;
    // A screen whose refusals are a rule the user must learn (the four-eyes rule of 구독 소식) shows the reason too.
    if (e.code === 'forbidden' && refusalReason && e.message) return `${head} ${plain(e.message)}`;
    if (e.code === 'unauthenticated' || e.code === 'offline' || e.code === 'forbidden') return head;
    const message = plain(e.message);
    return message && message !== head ? `${head}: ${message}` : head;
  };
}

/**
 * A service's or the server's text as the screen shows it: in Korean, without the English gloss the
 * logs keep; in the en locale as written (the gloss is the English).
 */
export function useScreenText(): (text: string) => string {
  const { i18n } = useTranslation('app');
  return (text) => (i18n.language === 'ko' ? koreanOnly(text) : text);
}
