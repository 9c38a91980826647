import type { AidMatch } from "./matching";
import { PHASE_LABELS, SCALE_LEVELS, type Phase } from "./vocabulary";

/**
 * How fitting aids are ordered, and why (pure functions). The score (0-100) adds up:
 * whether it covers the carrier (or only another commune concerned), how local the aid is (a commune's own aid before a national one), the project's themes it
 * covers, its fit with the phase and its expenses, an open call closing soon (act now), and
 * the subsidy rate. Ties: the nearest deadline first, then the lowest id. Every point given
 * has its French reason, for a secretary of mairie.
 */

/** How an aid was found: through the carrier's own perimeter, or through another commune concerned. */
export type Coverage = { carrier: string } | { commune: string };

export interface RankedAid extends AidMatch {
  score: number;
  reasons: string[];
}

const LEVEL_POINTS = [30, 26, 22, 20, 15, 10, 8];
const CARRIER_WORDS: Record<string, string> = { commune: "votre commune", epci: "votre intercommunalité", department: "votre département", region: "votre région" };

export function scoreAid(match: AidMatch, coverage: Coverage, phase: Phase | null): RankedAid {
  const reasons: string[] = [];
  let score = 0;
  // Found where the carrier is: it applies to the whole project, not only to one of its communes.
  if ("carrier" in coverage) score += 5;
  reasons.push("carrier" in coverage ? `Couvre ${CARRIER_WORDS[coverage.carrier] ?? "votre territoire"}` : `Couvre la commune de ${coverage.commune}`);
  const level = match.aid.perimeter_scale ? SCALE_LEVELS[match.aid.perimeter_scale] : undefined;
  score += level ? LEVEL_POINTS[level.rank] : 5;
  if (level) reasons.push(match.aid.perimeter && !/^(France|Europe)$/.test(match.aid.perimeter) ? `${level.label} (${match.aid.perimeter})` : level.label);
  if (match.themes.length > 0) score += Math.min(30, 20 + 5 * (match.themes.length - 1));
  for (const theme of match.themes) reasons.push(`Thème : ${theme}`);
  if (phase && match.stepMatched) {
    score += 15;
    reasons.push(`Adapté à la phase ${PHASE_LABELS[phase]}`);
  }
  if (match.destinations.length > 0) {
    score += 5;
    reasons.push(match.destinations.includes("investment") ? "Finance l'investissement" : "Finance le fonctionnement");
  }
  if (match.daysLeft === null) {
    reasons.push("Sans date limite");
  } else {
    score += match.daysLeft <= 30 ? 10 : match.daysLeft <= 90 ? 5 : 0;
    reasons.push(match.daysLeft === 0 ? "Date limite aujourd'hui" : match.daysLeft === 1 ? "Date limite demain" : `Date limite dans ${match.daysLeft} jours`);
  }
  if (match.aid.is_call_for_project) reasons.push("Appel à projets");
  const rate = match.aid.subvention_rate_upper_bound;
  if (rate !== null && rate > 0) {
    score += Math.min(10, Math.round(rate / 10));
    const lower = match.aid.subvention_rate_lower_bound;
    reasons.push(lower !== null && lower > 0 && lower < rate ? `Taux de subvention de ${lower} à ${rate} %` : `Taux de subvention jusqu'à ${rate} %`);
  }
  if (match.kind === "ENGINEERING") reasons.push("Accompagnement en ingénierie");
  return { ...match, score: Math.min(100, score), reasons };
}

/** Best first: score, then nearest deadline (permanent aids last), then id. */
export function compareRanked(a: RankedAid, b: RankedAid): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.daysLeft ?? Number.MAX_SAFE_INTEGER;
  const db = b.daysLeft ?? Number.MAX_SAFE_INTEGER;
  if (da !== db) return da - db;
  return a.aid.id - b.aid.id;
}

export function rankAids(aids: { match: AidMatch; coverage: Coverage }[], phase: Phase | null): RankedAid[] {
  return aids.map(({ match, coverage }) => scoreAid(match, coverage, phase)).sort(compareRanked);
}
