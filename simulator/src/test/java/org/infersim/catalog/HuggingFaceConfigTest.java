package org.infersim.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.infersim.input.Problem;
import org.junit.jupiter.api.Test;

class HuggingFaceConfigTest {
    static final Path FIXTURES = Path.of("src/test/resources/huggingface");

    private final List<Problem> problems = new ArrayList<>();

    private ModelSpec read(String folder) {
        return HuggingFaceConfig.read(FIXTURES.resolve(folder).resolve("config.json"), null, problems);
    }

    @Test
    void llama31With8BShapesReadsAsTheCatalogEntryAndCountsItsPublishedParameters() throws Exception {
        ModelSpec m = read("llama-3.1-8b");
        assertEquals(List.of(), problems);
        ModelSpec catalog = Catalog.builtIn().model("llama-3.1-8b").orElseThrow();
        assertEquals("llama-3.1-8b", m.id());
        assertEquals("meta-llama/Llama-3.1-8B", m.name());
        assertEquals(List.of("meta-llama/Llama-3.1-8B"), m.huggingFace());
        assertEquals(32, m.layers());
        assertEquals(4096, m.hiddenSize());
        assertEquals(32, m.attentionHeads());
        assertEquals(8, m.kvHeads());
        assertEquals(128, m.headDim());
        assertEquals(14336, m.intermediateSize());
        assertEquals(128256, m.vocabSize());
        assertEquals(1, m.experts());
        assertEquals(1, m.activeExperts());
        assertEquals(131072, m.maxContext());
        assertFalse(m.tiedEmbeddings());
        assertEquals(List.of(catalog.layers(), catalog.hiddenSize(), catalog.attentionHeads(), catalog.kvHeads(),
                catalog.headDim(), catalog.intermediateSize(), catalog.vocabSize(), catalog.maxContext()),
                List.of(m.layers(), m.hiddenSize(), m.attentionHeads(), m.kvHeads(), m.headDim(), m.intermediateSize(),
                        m.vocabSize(), m.maxContext()));
        // 1 050 673 152 of embeddings and lm_head, 32 layers of 218 112 000 (with their norms), a final norm
        assertEquals(8_030_261_248L, m.publishedParams());
        assertEquals(8.03e9, m.publishedParams(), 0.01 * catalog.publishedParams());
    }

    @Test
    void everyFieldSaysWhichKeyOfWhichFileItCameFrom() {
        ModelSpec m = read("llama-3.1-8b");
        String file = FIXTURES.resolve("llama-3.1-8b/config.json").toString();
        assertEquals(file + ": num_hidden_layers=32", m.sources().get("layers"));
        assertEquals(file + ": hidden_size / num_attention_heads = 4096/32 = 128", m.sources().get("headDim"));
        assertEquals(file + ": tie_word_embeddings=false", m.sources().get("tiedEmbeddings"));
        assertTrue(m.sources().get("publishedParams").startsWith("computed from the shapes in " + file),
                m.sources().get("publishedParams"));
        assertTrue(m.sources().keySet().containsAll(CatalogTest.MODEL_NUMBERS), m.sources().keySet().toString());
    }

    @Test
    void mixtralHasEightExpertsOfTheFullIntermediateSizeAndTwoPerToken() throws Exception {
        ModelSpec m = read("mixtral-8x7b");
        assertEquals(List.of(), problems);
        assertEquals("mixtral-8x7b", m.id()); // the folder's name: this config.json has no _name_or_path
        assertEquals(8, m.experts());
        assertEquals(2, m.activeExperts());
        assertEquals(14336, m.intermediateSize());
        assertEquals(8, m.kvHeads());
        assertEquals(128, m.headDim());
        assertEquals(32000, m.vocabSize());
        assertEquals(32768, m.maxContext());
        assertEquals(46_702_792_704L, m.publishedParams());
        long published = Catalog.builtIn().model("mixtral-8x7b").orElseThrow().publishedParams();
        assertEquals(published, m.publishedParams(), 0.01 * published);
    }

    @Test
    void qwen3MoeTakesTheExpertSizeFromMoeIntermediateSizeAndItsOwnHeadDim() {
        ModelSpec m = read("qwen3-moe");
        assertEquals(List.of(), problems);
        assertEquals("qwen3-30b-a3b", m.id());
        assertEquals(48, m.layers());
        assertEquals(2048, m.hiddenSize());
        assertEquals(32, m.attentionHeads());
        assertEquals(4, m.kvHeads());
        assertEquals(128, m.headDim()); // head_dim, not 2048 / 32 = 64
        assertEquals(768, m.intermediateSize()); // moe_intermediate_size, not the 6144 of intermediate_size
        assertEquals(128, m.experts());
        assertEquals(8, m.activeExperts());
        assertEquals(151936, m.vocabSize());
        assertEquals(40960, m.maxContext());
        assertEquals(30.5e9, m.publishedParams(), 0.01 * 30.5e9); // Qwen's model card: 30.5B in total
    }

    @Test
    void gemmaHasItsOwnHeadDimAndTiesItsEmbeddingsByDefault() {
        ModelSpec m = read("gemma-7b");
        assertEquals(List.of(), problems);
        assertEquals(256, m.headDim()); // 3072 / 16 would be 192
        assertEquals(16, m.kvHeads());
        assertTrue(m.tiedEmbeddings());
        assertTrue(m.sources().get("tiedEmbeddings").endsWith("no tie_word_embeddings; the Gemma default is true"));
        assertEquals(8.54e9, m.publishedParams(), 0.01 * 8.54e9); // Google's model page: 8.54B
    }

    @Test
    void multiHeadLatentAttentionIsRefusedNamingTheFileAndKey() {
        assertNull(read("deepseek-v3"));
        Problem p = problems.get(0);
        assertEquals(FIXTURES.resolve("deepseek-v3/config.json").toString(), p.file());
        assertEquals("kv_lora_rank", p.path());
        assertEquals(8, p.line());
        assertEquals("cannot model DeepseekV3ForCausalLM: its multi-head latent attention (kv_lora_rank) caches one"
                + " compressed latent per token instead of keys and values per KV head, which a catalog model cannot"
                + " express", p.message());
    }

    @Test
    void alternatingSlidingWindowAndGlobalLayersAreRefusedWithTheReason() {
        assertNull(read("gemma-2"));
        assertEquals("model_type", problems.get(0).path());
        assertEquals("cannot model Gemma2ForCausalLM: its layers alternate between sliding-window (local) and global"
                + " attention, so the KV cache of local layers stops growing at the window; a catalog model keeps every"
                + " token's KV in every layer and would overstate memory", problems.get(0).message());
    }

    @Test
    void aSlidingWindowOnEveryLayerIsRefusedButAnUnusedOneIsNot() {
        assertNull(HuggingFaceConfig.parse(llamaLike("\"model_type\": \"mistral\", \"sliding_window\": 4096,"),
                "m.json", "m", null, problems));
        assertEquals("every layer attends only to the last 4096 tokens (of 32768); infersim keeps every token's KV"
                + " and would overstate the KV cache of long sequences, so it does not read this model",
                problems.get(0).message());
        problems.clear();
        ModelSpec qwen = HuggingFaceConfig.parse(llamaLike("\"model_type\": \"qwen2\", \"use_sliding_window\": false,"
                + " \"sliding_window\": 4096,"), "q.json", "q", null, problems);
        assertEquals(List.of(), problems);
        // Qwen2's q, k and v projections have biases: 4096 + 2 x 1024 per layer more than Llama's shape
        assertEquals(read("llama-3.1-8b").publishedParams() - (128256L - 32000) * 4096 * 2 + 32L * 6144,
                qwen.publishedParams());
    }

    @Test
    void missingKeysAndNonPositiveNumbersAreProblemsNamingTheKey() {
        String json = llamaLike("\"model_type\": \"llama\",").replace("\"num_hidden_layers\": 32,", "")
                .replace("\"vocab_size\": 32000", "\"vocab_size\": 0");
        assertNull(HuggingFaceConfig.parse(json, "c.json", "c", null, problems));
        assertEquals(List.of("num_hidden_layers: missing 'num_hidden_layers', which layers is read from",
                "vocab_size: expected a positive vocab_size, got 0"),
                problems.stream().map(p -> p.path() + ": " + p.message()).toList());
        assertEquals("c.json", problems.get(1).file());
    }

    @Test
    void anUnknownFamilyIsRefusedRatherThanGuessed() {
        assertNull(HuggingFaceConfig.parse(llamaLike("\"model_type\": \"falcon\","), "f.json", "f", null, problems));
        assertEquals("model_type '" + "falcon' is not a family infersim reads (it reads gemma, llama, mistral, mixtral,"
                + " qwen2, qwen3, qwen3_moe); write its catalog entry by hand if its attention and MLP are those of"
                + " one of them", problems.get(0).message());
    }

    /** A Llama-3.1-8B shape with a 32 000 vocabulary and 32 768 positions, led by the given keys. */
    static String llamaLike(String leading) {
        return "{" + leading + """
                 "hidden_size": 4096, "intermediate_size": 14336, "max_position_embeddings": 32768,
                 "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 8,
                 "vocab_size": 32000}""";
    }
}
