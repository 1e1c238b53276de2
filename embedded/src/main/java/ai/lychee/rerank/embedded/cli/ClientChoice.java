package ai.lychee.rerank.embedded.cli;

import ai.lychee.rerank.functions.RerankFunctions;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;

/** {@code --url} reaches a running service over HTTP; without it the CLI scores in this JVM. */
final class ClientChoice {

    private ClientChoice() {
    }

    static RerankClient from(CliArgs args) {
        String url = args.value("url");
        if (url != null) {
            String token = args.value("token");
            if (token == null) {
                token = System.getenv("LYCHEE_TOKEN");
            }
            return new HttpRerankClient(url, token, Arc.container().instance(ObjectMapper.class).get());
        }
        return new InProcessRerankClient(Arc.container().instance(RerankFunctions.class).get());
    }
}
