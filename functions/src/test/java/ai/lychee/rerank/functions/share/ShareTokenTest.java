package ai.lychee.rerank.functions.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShareTokenTest {

    @Test
    void onlyTheExactTokenMatches() {
        ShareToken token = new ShareToken("kY3v9-QpLw2xZ7rT0aBcDeFg");
        assertThat(token.matches("kY3v9-QpLw2xZ7rT0aBcDeFg")).isTrue();
        assertThat(token.matches("kY3v9-QpLw2xZ7rT0aBcDeF")).isFalse();
        assertThat(token.matches("kY3v9-QpLw2xZ7rT0aBcDeFgh")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void theCookieHoldsADerivedValueThatIsNotTheToken() {
        ShareToken token = new ShareToken("kY3v9-QpLw2xZ7rT0aBcDeFg");
        assertThat(token.cookieValue()).hasSize(64).doesNotContain("kY3v9");
        assertThat(token.matchesCookie(token.cookieValue())).isTrue();
        // The token itself is not a valid cookie, nor the cookie a valid token.
        assertThat(token.matchesCookie("kY3v9-QpLw2xZ7rT0aBcDeFg")).isFalse();
        assertThat(token.matches(token.cookieValue())).isFalse();
        assertThat(new ShareToken("another-token-0123456789").cookieValue()).isNotEqualTo(token.cookieValue());
    }

    @Test
    void aBlankTokenIsRefused() {
        assertThatThrownBy(() -> new ShareToken("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTokenParameterIsFoundAndRemovedFromQueries() {
        assertThat(ShareAccessFilter.queryToken("lang=zh&token=a%2Bb")).isEqualTo("a+b");
        assertThat(ShareAccessFilter.queryToken("tokens=x")).isNull();
        assertThat(ShareAccessFilter.queryToken(null)).isNull();
        assertThat(ShareAccessFilter.withoutToken("x=1&token=t&y=2")).isEqualTo("?x=1&y=2");
        assertThat(ShareAccessFilter.withoutToken("token=t&token=u")).isEmpty();
        assertThat(ShareAccessFilter.withoutToken("token")).isEmpty();
        assertThat(ShareAccessFilter.withoutToken("mode=batch")).isEqualTo("?mode=batch");
    }
}
