package ai.lychee.rerank.worker.lite.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalEvidenceTest {

    @Test
    void chineseIsMatchedByCharactersAndBigramsWithoutParticles() {
        LexicalEvidence e = LexicalEvidence.of("中国的首都是哪里?", "北京是中华人民共和国的首都");
        // content characters 中 国 首 都 are all in the document; 的 是 哪 里 do not count
        assertThat(e.termCoverage()).isEqualTo(1.0);
        assertThat(e.phraseCoverage()).isBetween(0.0, 1.0);
    }

    @Test
    void englishIgnoresStopWordsAndPlurals() {
        LexicalEvidence e = LexicalEvidence.of("how long do fleas live", "A flea can live up to a year.");
        assertThat(e.termCoverage()).isEqualTo(1.0);
        assertThat(LexicalEvidence.of("how long do fleas live", "Cats sleep a lot.").termCoverage()).isZero();
    }

    @Test
    void mixedTextCountsBothScripts() {
        LexicalEvidence e = LexicalEvidence.of("iPhone 15 电池", "iPhone 15 的电池很耐用");
        assertThat(e.termCoverage()).isEqualTo(1.0);
        assertThat(e.phraseCoverage()).isEqualTo(1.0);
    }
}
