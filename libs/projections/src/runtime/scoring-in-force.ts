import { Inject, Injectable } from '@nestjs/common';
import { defaultRiskSegmentBands, scoringFrom, type Scoring } from '@arrears/domain';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';

/**
 * The scoring in force: the models of SCORE_MODELS_DIR, assigned by SCORE_MODELS, segmented by
 * RISK_SEGMENTS, checked at boot: a malformed model or an unknown version stops the service.
 */
@Injectable()
export class ScoringInForce {
  readonly scoring: Scoring;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { scoring, problems } = scoringFrom(config.scoreModelFiles, config.scoreModelAssignment, { ...defaultRiskSegmentBands, ...config.riskSegments });
    if (problems.length) throw new Error(`The score models are not usable: ${problems.join('; ')}`);
    this.scoring = scoring;
  }
}
