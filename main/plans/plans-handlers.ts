// Plans' and bonuses' part of the contract: the retro bonus board of the user's scope.
import type { HandlersOf, plansMethods } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';
import { createRetroBonusBoard } from './retro-bonus-board';

export function plansHandlers(s: DeskSession): HandlersOf<typeof plansMethods> {
  const board = createRetroBonusBoard(s.replica.sqlite, () => s.user);
  return {
    'plans.retroBonuses': (filter) => board.rows(filter),
  };
}
