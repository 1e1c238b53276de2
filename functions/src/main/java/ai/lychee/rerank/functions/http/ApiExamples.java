package ai.lychee.rerank.functions.http;

/**
 * The request and answer examples the OpenAPI document shows for every endpoint, one in English and one in
 * Chinese (both languages are first-class). Answers are shapes with illustrative scores.
 */
public final class ApiExamples {

    public static final String EN = "en";
    public static final String ZH = "zh";
    public static final String EN_SUMMARY = "English example";
    public static final String ZH_SUMMARY = "中文示例";
    public static final String PROBLEM = "An RFC 7807 problem (application/problem+json) whose field names the JSON path at"
            + " fault; also 413, 415, 422, 503, 504";

    public static final String RERANK_EN = """
            {"query": "What is the capital of France?",
             "documents": ["Paris is the capital of France.", {"text": "Bananas grow in the tropics."}],
             "instruction": "knowledge-qa", "top_n": 10, "return_documents": true}""";
    public static final String RERANK_ZH = """
            {"query": "红色连衣裙",
             "documents": ["蓝色牛仔裤", {"text": "夏季红色连衣裙"}],
             "instruction": "ecommerce-search", "business_line": "shop"}""";
    public static final String RERANK_ANSWER_EN = """
            {"results": [{"index": 0, "score": 0.91, "band": "high", "document": {"text": "Paris is the capital of France."},
              "sub_scores": {"text": 0.91}}, {"index": 1, "score": 0.08, "band": "low", "sub_scores": {"text": 0.08}}],
             "model": "lite", "instruction": "Given a question, retrieve passages that answer it.", "took_ms": 20,
             "usage": {"prompt_tokens": 34, "total_tokens": 34}}""";
    public static final String RERANK_ANSWER_ZH = """
            {"results": [{"index": 1, "score": 0.81, "band": "high", "sub_scores": {"text": 0.81}},
              {"index": 0, "score": 0.23, "band": "low", "sub_scores": {"text": 0.23}}],
             "model": "lite", "instruction": "Given a product search query, rank products by how likely the shopper is to buy them.",
             "took_ms": 18, "usage": {"prompt_tokens": 23, "total_tokens": 23}}""";

    public static final String MULTIPART_EN = """
            {"request": "{\\"query\\": \\"red dress\\", \\"documents\\": [\\"Summer dress\\", \\"\\"]}",
             "document_image_1": "(a JPEG file)"}""";
    public static final String MULTIPART_ZH = """
            {"request": "{\\"query\\": \\"红色连衣裙\\", \\"documents\\": [\\"夏季连衣裙\\", \\"\\"]}",
             "query_image": "(一张 JPEG 图片)"}""";

    public static final String SCORE_EN = """
            {"query": "red dress", "document": {"text": "A red summer dress", "image_url": "https://shop.example/dress.jpg"},
             "instruction": "ecommerce-search"}""";
    public static final String SCORE_ZH = """
            {"query": "红色连衣裙", "document": "夏季红色连衣裙"}""";
    public static final String SCORE_ANSWER_EN = """
            {"score": 0.81, "band": "high", "sub_scores": {"text": 0.81, "image": 0.64}, "consistency": "consistent",
             "model": "lite", "instruction": "Given a product search query, rank products by how likely the shopper is to buy them.",
             "took_ms": 40, "usage": {"prompt_tokens": 12, "total_tokens": 12}}""";
    public static final String SCORE_ANSWER_ZH = """
            {"score": 0.81, "band": "high", "sub_scores": {"text": 0.81}, "model": "lite",
             "instruction": "Given a query, retrieve relevant documents.", "took_ms": 12,
             "usage": {"prompt_tokens": 16, "total_tokens": 16}}""";

    public static final String INSTRUCTIONS_EN = """
            {"default": "Given a query, retrieve relevant documents.",
             "presets": [{"name": "knowledge-qa", "title_en": "Knowledge Q&A", "title_zh": "知识问答",
               "instruction": "Given a question, retrieve passages that answer it."}]}""";
    public static final String INSTRUCTIONS_ZH = """
            {"default": "Given a query, retrieve relevant documents.",
             "presets": [{"name": "customer-service-reply", "title_en": "Customer-service reply check", "title_zh": "客服回复质检",
               "instruction": "Given a customer's question (and photo), judge whether the agent's reply (or screenshot) correctly and helpfully answers it."}]}""";

    public static final String FEEDBACK_EN = """
            {"converted": [0.62, 0.91], "instruction": "ecommerce-search", "business_line": "shop"}""";
    public static final String FEEDBACK_ZH = """
            {"converted": [0.55], "instruction": "customer-service-reply", "business_line": "客服"}""";
    public static final String FEEDBACK_ANSWER = """
            {"recorded": 2, "preset": "ecommerce-search", "business_line": "shop"}""";

    public static final String COHERE_EN = """
            {"model": "rerank-v3.5", "query": "What is the capital of the United States?",
             "documents": ["Carson City is the capital city of the American state of Nevada.",
                           "Washington, D.C. is the capital of the United States."],
             "top_n": 2, "return_documents": true}""";
    public static final String COHERE_ZH = """
            {"model": "jina-reranker-m0", "query": "红色连衣裙",
             "documents": [{"image": "https://shop.example/dress-red.jpg"}, {"text": "蓝色牛仔裤"},
                           {"content": [{"type": "text", "text": "夏季红色连衣裙"},
                                        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo..."}}]}]}""";
    public static final String COHERE_ANSWER_EN = """
            {"id": "5807ee2e-0cda-445a-9ec8-864c60a06606", "model": "lite",
             "results": [{"index": 1, "relevance_score": 0.93, "document": {"text": "Washington, D.C. is the capital of the United States."}},
                         {"index": 0, "relevance_score": 0.31, "document": {"text": "Carson City is the capital city of the American state of Nevada."}}],
             "meta": {"api_version": {"version": "1"}, "billed_units": {"search_units": 1}, "tokens": {"input_tokens": 41, "output_tokens": 0}},
             "usage": {"prompt_tokens": 41, "total_tokens": 41}}""";
    public static final String COHERE_ANSWER_ZH = """
            {"id": "0f4b6a39-3a57-4c1e-8a5e-3c2a1b0d9e11", "model": "lite",
             "results": [{"index": 2, "relevance_score": 0.82}, {"index": 0, "relevance_score": 0.74}, {"index": 1, "relevance_score": 0.12}],
             "meta": {"api_version": {"version": "1"}, "billed_units": {"search_units": 1}, "tokens": {"input_tokens": 21, "output_tokens": 0}},
             "usage": {"prompt_tokens": 21, "total_tokens": 21}}""";

    public static final String COHERE_V2_EN = """
            {"model": "rerank-v3.5", "query": "What is the capital of the United States?",
             "documents": ["Carson City is the capital city of the American state of Nevada.",
                           "Washington, D.C. is the capital of the United States."],
             "top_n": 1, "max_tokens_per_doc": 512}""";
    public static final String COHERE_V2_ZH = """
            {"model": "rerank-v3.5", "query": "红色连衣裙",
             "documents": ["蓝色牛仔裤", "夏季红色连衣裙"], "max_tokens_per_doc": 256}""";
    public static final String COHERE_V2_ANSWER_EN = """
            {"id": "9d1f0c8e-3b7a-4a52-b1f4-0e6a7c2d5b90", "results": [{"index": 1, "relevance_score": 0.93}],
             "meta": {"api_version": {"version": "2"}, "billed_units": {"search_units": 1}, "tokens": {"input_tokens": 41, "output_tokens": 0}}}""";
    public static final String COHERE_V2_ANSWER_ZH = """
            {"id": "2b6f3e1a-7c4d-4e8f-9a0b-1c2d3e4f5a6b", "results": [{"index": 1, "relevance_score": 0.81}, {"index": 0, "relevance_score": 0.23}],
             "meta": {"api_version": {"version": "2"}, "billed_units": {"search_units": 1}, "tokens": {"input_tokens": 23, "output_tokens": 0}}}""";

    public static final String TEI_EN = """
            {"query": "What is Deep Learning?", "texts": ["Deep Learning is not...", "Deep learning is..."], "return_text": true}""";
    public static final String TEI_ZH = """
            {"query": "什么是深度学习?", "texts": ["深度学习是机器学习的一个分支。", "今天天气很好。"], "raw_scores": false}""";
    public static final String TEI_ANSWER_EN = """
            [{"index": 1, "score": 0.88, "text": "Deep learning is..."}, {"index": 0, "score": 0.35, "text": "Deep Learning is not..."}]""";
    public static final String TEI_ANSWER_ZH = """
            [{"index": 0, "score": 0.84}, {"index": 1, "score": 0.05}]""";

    public static final String INFO_EN = """
            {"model_id": "lite", "model_type": {"reranker": {"id2label": {"0": "relevance"}, "label2id": {"relevance": 0}}},
             "max_concurrent_requests": 64, "max_input_length": 512, "max_client_batch_size": 100, "auto_truncate": true,
             "version": "0.1.0-SNAPSHOT"}""";
    public static final String INFO_ZH = """
            {"model_id": "lychee-rerank-mm", "model_type": {"reranker": {"id2label": {"0": "relevance"}, "label2id": {"relevance": 0}}},
             "max_concurrent_requests": 64, "max_input_length": 128000, "max_client_batch_size": 100, "auto_truncate": true,
             "version": "0.1.0-SNAPSHOT"}""";

    private ApiExamples() {
    }
}
