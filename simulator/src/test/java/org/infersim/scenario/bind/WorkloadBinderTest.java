package org.infersim.scenario.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.run.BuiltInPolicies;
import org.infersim.scenario.ArrivalSpec;
import org.infersim.scenario.ArrivalSpec.Step;
import org.infersim.scenario.ArrivalSpec.UserStep;
import org.infersim.scenario.DocumentSpec;
import org.infersim.scenario.DurationSpec;
import org.infersim.scenario.LengthSpec;
import org.infersim.scenario.Popularity;
import org.infersim.scenario.SessionSpec;
import org.infersim.scenario.SystemPromptSpec;
import org.infersim.scenario.Workload;
import org.junit.jupiter.api.Test;

/**
 * The workload keys of client-side load: constant rates, closed loops, shared system prompts,
 * retrieved documents and sessions, each bound to its record, and each mistake reported at its
 * line and path with what was expected. The deployment's max model length is 8192.
 */
class WorkloadBinderTest {
    private static final long S = 1_000_000_000L;
    private static final String POISSON = "arrival: {type: poisson, rate: 1/s}\n";
    private static final String LENGTHS = "promptTokens: 100\noutputTokens: 10\n";

    /** Line 11 is the workload's arrival; the keys after it follow, one a line. */
    private static String scenario(String workload) {
        return """
                name: t
                duration: 10m
                cluster:
                  pools: [{name: h100, gpu: h100-sxm, count: 8}]
                deployments:
                  - name: chat
                    model: llama-3.1-8b
                    engine: {maxModelLen: 8192}
                workloads:
                  - name: users
                """ + workload.indent(4);
    }

    private static Workload workload(String yaml) throws InvalidInputException {
        return ScenarioLoader.parse(scenario(yaml), "scenarios/x.yaml", fixtures(), List.of(), BuiltInPolicies.load())
                .scenario().workloads().get(0);
    }

    private static Path fixtures() {
        try {
            return Path.of(WorkloadBinderTest.class.getResource("/scenario").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> problems(String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> workload(yaml));
        return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }

    private static String problem(String yaml) {
        List<String> p = problems(yaml);
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    // ------------------------------------------------------------------ constant

    @Test
    void aConstantRateIsOneStageAndStepsAreStages() throws Exception {
        assertEquals(new ArrivalSpec.Constant(List.of(new Step(0, 10))),
                workload("arrival: {type: constant, rate: 10/s}\n" + LENGTHS).arrival());
        assertEquals(new ArrivalSpec.Constant(List.of(new Step(0, 5), new Step(120 * S, 0), new Step(180 * S, 10))),
                workload("arrival: {type: constant, steps: [{at: 0s, rate: 5/s}, {at: 2m, rate: 0/s},"
                        + " {at: 3m, rate: 10/s}]}\n" + LENGTHS).arrival());
    }

    @Test
    void aConstantArrivalTakesARateOrStepsNotBothAndNotNeither() {
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.steps: give either rate (one rate throughout) or steps"
                + " (a schedule of rates), not both",
                problem("arrival: {type: constant, rate: 10/s, steps: [{at: 0s, rate: 1/s}]}\n" + LENGTHS));
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival: missing required key 'rate' (a rate such as 10/s, or"
                + " steps: a list of {at, rate} stages)", problem("arrival: {type: constant}\n" + LENGTHS));
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.rate: expected a rate above 0",
                problem("arrival: {type: constant, rate: 0/s}\n" + LENGTHS));
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.steps[1].rate: expected a rate such as 20/s, 1200/min,"
                + " 50/h; got 'fast'",
                problem("arrival: {type: constant, steps: [{at: 0s, rate: 5/s}, {at: 1m, rate: fast}]}\n" + LENGTHS));
    }

    // ------------------------------------------------------------------ closed

    @Test
    void aClosedLoopHasUsersAndAThinkTimeOfZeroUnlessGiven() throws Exception {
        assertEquals(new ArrivalSpec.Closed(List.of(new UserStep(0, 32)), new DurationSpec.Fixed(0)),
                workload("arrival: {type: closed, users: 32}\n" + LENGTHS).arrival());
        assertEquals(new ArrivalSpec.Closed(List.of(new UserStep(0, 10), new UserStep(300 * S, 50)),
                new DurationSpec.Exponential(2 * S)), workload("arrival: {type: closed, users: [{at: 0s, users: 10},"
                + " {at: 5m, users: 50}], thinkTime: {type: exponential, mean: 2s}}\n" + LENGTHS).arrival());
        assertEquals(new DurationSpec.LogNormal(2 * S, S), ((ArrivalSpec.Closed) workload("arrival: {type: closed,"
                + " users: 4, thinkTime: {type: lognormal, mean: 2s, stddev: 1s}}\n" + LENGTHS).arrival()).thinkTime());
        assertEquals(new DurationSpec.Fixed(1500_000_000L), ((ArrivalSpec.Closed) workload("arrival: {type: closed,"
                + " users: 4, thinkTime: 1.5s}\n" + LENGTHS).arrival()).thinkTime());
    }

    @Test
    void closedLoopMistakesSayWhatWasExpected() {
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival: missing required key 'users' (a number of users such"
                + " as 32, or a list of {at, users} steps)", problem("arrival: {type: closed}\n" + LENGTHS));
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.users: expected an integer from 1 to 1000000, got 0",
                problem("arrival: {type: closed, users: 0}\n" + LENGTHS));
        assertEquals(List.of("scenarios/x.yaml:11: workloads[0].arrival.users[0].at: the first step must start at 0s,"
                + " got 1m", "scenarios/x.yaml:11: workloads[0].arrival.users[1].users: expected an integer from 0 to"
                + " 1000000, got -1"), problems("arrival: {type: closed, users: [{at: 1m, users: 5}, {at: 2m, users: -1}]}\n"
                + LENGTHS));
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.users: every step has 0 users: nobody sends",
                problem("arrival: {type: closed, users: [{at: 0s, users: 0}]}\n" + LENGTHS));
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.rate: 'rate' does not apply to a closed arrival (it"
                + " belongs to poisson, gamma, constant); a closed arrival has keys type, users, thinkTime",
                problem("arrival: {type: closed, users: 4, rate: 2/s}\n" + LENGTHS));
    }

    @Test
    void aThinkTimeIsADurationOrADistributionOfDurations() {
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.thinkTime.type: unknown duration distribution type"
                + " 'gaussian'; expected one of fixed, uniform, lognormal, exponential",
                problem("arrival: {type: closed, users: 4, thinkTime: {type: gaussian, mean: 2s}}\n" + LENGTHS));
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.thinkTime: missing required key 'mean' (a duration such"
                + " as 250ms, 90s, 5m, 2h)", problem("arrival: {type: closed, users: 4, thinkTime: {type: exponential}}\n"
                + LENGTHS));
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.thinkTime.mean: expected a mean longer than 0",
                problem("arrival: {type: closed, users: 4, thinkTime: {type: exponential, mean: 0s}}\n" + LENGTHS));
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival.thinkTime: 2 has no unit; expected a duration such as"
                + " 250ms, 90s, 5m, 2h", problem("arrival: {type: closed, users: 4, thinkTime: 2}\n" + LENGTHS));
    }

    // ------------------------------------------------------------------ system prompts and documents

    @Test
    void systemPromptsAreUniformUnlessZipfIsSaid() throws Exception {
        assertEquals(new SystemPromptSpec(8, new LengthSpec.Fixed(1200), Popularity.UNIFORM),
                workload(POISSON + LENGTHS + "systemPrompt: {prompts: 8, tokens: 1200}").systemPrompt());
        assertEquals(new SystemPromptSpec(8, new LengthSpec.Fixed(1200), new Popularity.Zipf(1.1)),
                workload(POISSON + LENGTHS + "systemPrompt: {prompts: 8, tokens: 1200, popularity: zipf,"
                        + " zipfExponent: 1.1}").systemPrompt());
        assertEquals(new SystemPromptSpec(8, new LengthSpec.Uniform(800, 1600), new Popularity.Zipf(1.0)),
                workload(POISSON + LENGTHS + "systemPrompt: {prompts: 8, tokens: {type: uniform, min: 800, max: 1600},"
                        + " popularity: zipf}").systemPrompt());
    }

    @Test
    void systemPromptMistakesSayWhatWasExpected() {
        assertEquals("scenarios/x.yaml:14: workloads[0].systemPrompt.popularty: unknown key 'popularty'; did you mean"
                + " 'popularity'?", problem(POISSON + LENGTHS + "systemPrompt: {prompts: 8, tokens: 1200, popularty: zipf}"));
        assertEquals("scenarios/x.yaml:14: workloads[0].systemPrompt: missing required key 'prompts' (the number of"
                + " distinct system prompts, such as 8)", problem(POISSON + LENGTHS + "systemPrompt: {tokens: 1200}"));
        assertEquals("scenarios/x.yaml:14: workloads[0].systemPrompt.zipfExponent: 'zipfExponent' applies to"
                + " popularity: zipf; this popularity is uniform", problem(POISSON + LENGTHS + "systemPrompt: {prompts: 8,"
                + " tokens: 1200, popularity: uniform, zipfExponent: 1.1}"));
        assertEquals("scenarios/x.yaml:14: workloads[0].systemPrompt.zipfExponent: expected an exponent above 0 (1 is"
                + " the classic Zipf law, towards 0 it is uniform), got 0",
                problem(POISSON + LENGTHS + "systemPrompt: {prompts: 8, tokens: 1200, zipfExponent: 0}"));
        assertEquals("scenarios/x.yaml:14: workloads[0].systemPrompt.popularity: unknown popularity 'pareto'; expected"
                + " one of uniform, zipf", problem(POISSON + LENGTHS + "systemPrompt: {prompts: 8, tokens: 1200,"
                + " popularity: pareto}"));
        assertEquals("scenarios/x.yaml:14: workloads[0].systemPrompt: expected shared system prompts (a mapping with"
                + " keys prompts, tokens, popularity, zipfExponent), got the number 1200",
                problem(POISSON + LENGTHS + "systemPrompt: 1200"));
    }

    @Test
    void documentsAreDrawnByZipfWhenAnExponentIsGivenAndKeepTheRetrieversOrderByDefault() throws Exception {
        assertEquals(new DocumentSpec(10_000, new LengthSpec.Fixed(500), 4, new Popularity.Zipf(0.8),
                DocumentSpec.Order.RETRIEVED), workload(POISSON + LENGTHS + "documents: {corpus: 10000, tokens: 500,"
                + " perRequest: 4, zipfExponent: 0.8}").documents());
        assertEquals(DocumentSpec.Order.POPULARITY, workload(POISSON + LENGTHS + "documents: {corpus: 10000, tokens:"
                + " 500, perRequest: 4, order: popularity}").documents().order());
    }

    @Test
    void documentMistakesSayWhatWasExpected() {
        assertEquals("scenarios/x.yaml:14: workloads[0].documents.perRequest: expected an integer from 1 to 10, got 20",
                problem(POISSON + LENGTHS + "documents: {corpus: 10, tokens: 500, perRequest: 20}"));
        assertEquals("scenarios/x.yaml:14: workloads[0].documents.order: unknown document order 'ranked'; expected one"
                + " of retrieved, popularity", problem(POISSON + LENGTHS + "documents: {corpus: 10000, tokens: 500,"
                + " perRequest: 4, order: ranked}"));
        assertEquals(List.of("scenarios/x.yaml:14: workloads[0].documents: missing required key 'corpus' (the number"
                + " of documents, such as 10000)", "scenarios/x.yaml:14: workloads[0].documents: missing required key"
                + " 'perRequest' (the distinct documents each request carries, such as 4)"),
                problems(POISSON + LENGTHS + "documents: {tokens: 500}"));
    }

    // ------------------------------------------------------------------ fitting the max model length

    @Test
    void aLognormalMessagesCapIsTheMaxModelLengthLessTheSharedPrefix() throws Exception {
        // 8192 - (1200 + 4 × 500) - 1 for the answer.
        assertEquals(new LengthSpec.LogNormal(1000, 500, 4991), workload(POISSON + """
                promptTokens: {type: lognormal, mean: 1000, stddev: 500}
                outputTokens: 10
                systemPrompt: {prompts: 8, tokens: 1200}
                documents: {corpus: 100, tokens: {type: uniform, min: 100, max: 500}, perRequest: 4}
                """).promptTokens());
        assertEquals("scenarios/x.yaml:12: workloads[0].promptTokens: the cap 4191 (the max model length 8192 less the"
                + " longest shared prefix, 4000 tokens, and 1 for the answer) is below the mean 6000", problem(POISSON
                + "promptTokens: {type: lognormal, mean: 6000, stddev: 500}\noutputTokens: 10\n"
                + "systemPrompt: {prompts: 8, tokens: 4000}"));
    }

    /** The one problem of a workload sent to a deployment with these engine settings instead. */
    private static String problemWithEngine(String engine, String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioLoader.parse(
                scenario(yaml).replace("engine: {maxModelLen: 8192}", "engine: " + engine), "scenarios/x.yaml",
                fixtures(), List.of(), BuiltInPolicies.load()));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0).toString();
    }

    @Test
    void promptsLongerThanTheMaxModelLengthAreRefusedNotRejectedOneByOne() {
        assertEquals("scenarios/x.yaml:12: workloads[0].promptTokens: the longest prompt is 10000 tokens, not below the"
                + " max model length 8192 of deployment 'chat' (it would be rejected); lower promptTokens' max",
                problem(POISSON + "promptTokens: 10000\noutputTokens: 10"));
        assertTrue(problem(POISSON + "promptTokens: {type: uniform, min: 100, max: 9000}\noutputTokens: 10")
                .contains("the longest prompt is 9000 tokens"));
        // Without a maxModelLen the model's context (128k tokens for Llama 3.1) is the limit.
        assertTrue(problemWithEngine("{}", POISSON + "promptTokens: 200000\noutputTokens: 10")
                .contains("not below the max model length 131072"));
    }

    @Test
    void withoutChunkedPrefillAPromptLongerThanTheIterationBudgetIsRefused() {
        // vLLM refuses to start with chunked prefill off and max_num_batched_tokens below max_model_len.
        assertEquals("scenarios/x.yaml:12: workloads[0].promptTokens: the longest prompt is 6000 tokens, not below the"
                + " max batched tokens 2048 (with chunkedPrefill: false a whole prompt must fit one iteration) of"
                + " deployment 'chat' (it would be rejected); lower promptTokens' max, or set chunkedPrefill: true or a"
                + " larger maxNumBatchedTokens", problemWithEngine("{chunkedPrefill: false, maxNumBatchedTokens: 2048}",
                POISSON + "promptTokens: 6000\noutputTokens: 10"));
        // The budget left to the GPU is its default: 8192 tokens on an H100.
        assertTrue(problemWithEngine("{chunkedPrefill: false}", POISSON + "promptTokens: 9000\noutputTokens: 10")
                .contains("not below the max batched tokens 8192"));
    }

    @Test
    void aTraceWhosePromptsTheDeploymentCannotTakeIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path trace = dir.resolve("long.csv");
        java.nio.file.Files.writeString(trace, "TIMESTAMP,ContextTokens,GeneratedTokens\n"
                + "2024-01-01 00:00:00.0000000,1000,50\n2024-01-01 00:00:01.0000000,9000,50\n");
        assertEquals("scenarios/x.yaml:11: workloads[0].arrival: the trace's longest prompt, request 2 of 2, is 9000"
                + " tokens, not below the max model length 8192 of deployment 'chat' (it would be rejected); trim the"
                + " trace", problem("arrival: {type: trace, file: " + trace + "}"));
    }

    @Test
    void theSharedPrefixAndTheLongestMessageMustBeBelowTheMaxModelLength() {
        assertEquals("scenarios/x.yaml:12: workloads[0].promptTokens: the longest prompt, 1200 system-prompt tokens and"
                + " 7000 tokens of its own, is 8200 tokens, not below the max model length 8192 of deployment 'chat' (it"
                + " would be rejected); lower promptTokens' max or the shared parts",
                problem(POISSON + "promptTokens: 7000\noutputTokens: 10\nsystemPrompt: {prompts: 8, tokens: 1200}"));
        assertEquals("scenarios/x.yaml:15: workloads[0].documents: the longest shared prefix, 6000 system-prompt tokens"
                + " + 4 × 1000 document tokens, leaves no room below the max model length 8192 of deployment 'chat' for a"
                + " message and its answer", problem(POISSON + LENGTHS + "systemPrompt: {prompts: 8, tokens: 6000}\n"
                + "documents: {corpus: 100, tokens: 1000, perRequest: 4}"));
    }

    // ------------------------------------------------------------------ sessions and traces

    @Test
    void aSessionHasTurnsAndAThinkTime() throws Exception {
        assertEquals(new SessionSpec(new LengthSpec.Uniform(2, 10), new DurationSpec.LogNormal(20 * S, 10 * S)),
                workload(POISSON + LENGTHS + "session: {turns: {type: uniform, min: 2, max: 10}, thinkTime: {type:"
                        + " lognormal, mean: 20s, stddev: 10s}}").session());
        assertEquals(new SessionSpec(new LengthSpec.Fixed(3), new DurationSpec.Fixed(0)),
                workload(POISSON + LENGTHS + "session: {turns: 3}").session());
    }

    @Test
    void sessionMistakesSayWhatWasExpected() {
        assertEquals("scenarios/x.yaml:14: workloads[0].session: missing required key 'turns' (a number of turns such"
                + " as 4, or a distribution such as {type: uniform, min: 2, max: 10})",
                problem(POISSON + LENGTHS + "session: {thinkTime: 2s}"));
        assertEquals("scenarios/x.yaml:14: workloads[0].session.thinktime: unknown key 'thinktime'; did you mean"
                + " 'thinkTime'?", problem(POISSON + LENGTHS + "session: {turns: 3, thinktime: 2s}"));
        assertEquals("scenarios/x.yaml:14: workloads[0].session.turns: expected an integer at least 1, got 0",
                problem(POISSON + LENGTHS + "session: {turns: 0}"));
    }

    @Test
    void aTraceSuppliesTheWholePromptSoSharedPartsDoNotApply() {
        assertEquals(List.of("scenarios/x.yaml:12: workloads[0].systemPrompt: a trace supplies each request's whole"
                + " prompt; remove systemPrompt", "scenarios/x.yaml:13: workloads[0].session: a trace supplies each"
                + " request's whole prompt; remove session"), problems("arrival: {type: trace, file: traces/seconds.csv}\n"
                + "systemPrompt: {prompts: 8, tokens: 1200}\nsession: {turns: 3}"));
    }
}
