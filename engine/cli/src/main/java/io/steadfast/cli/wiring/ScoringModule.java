package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import io.steadfast.gate.GateEvaluator;
import io.steadfast.scoring.Scorer;

/** The pure scoring core: stateless, one instance each. */
public final class ScoringModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Scorer.class).toInstance(new Scorer());
        bind(GateEvaluator.class).toInstance(new GateEvaluator());
    }
}
