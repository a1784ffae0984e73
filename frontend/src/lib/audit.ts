// Audit entries as people read them: the action's name in the UI language and the actor's name (the service's own
// background actors named too). The words live in i18n/audit.ts, mounted by the consoles that show the log.
import type { TFunction } from 'i18next';

export function actionName(t: TFunction, action: string): string {
  return t(`audit.action.${action}`, { defaultValue: action });
}

export function actorName(t: TFunction, actor: string | null | undefined): string {
  return actor ? t(`audit.actor.${actor}`, { defaultValue: actor }) : '—';
}
