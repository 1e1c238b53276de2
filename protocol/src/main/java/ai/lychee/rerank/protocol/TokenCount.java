package ai.lychee.rerank.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The input tokens a model read to judge one document, as its own tokenizer counts them (after truncation to
 * what it reads). {@code query}: tokens read once for the query and shared by every document of the job (the lite
 * model embeds a query once); {@code document}: tokens read for this document's judgement alone. A scorer that
 * reads the whole prompt again for every pair (query included) reports it all as {@code document} and 0 as
 * {@code query}, so summing documents and counting the query once is what the model read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenCount(@JsonProperty("query") int query, @JsonProperty("document") int document) {
}
