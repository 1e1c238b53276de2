package ai.lychee.rerank.worker.lite.calibration;

import ai.lychee.rerank.worker.lite.BgeModel;
import java.util.List;

/**
 * Everyday sentences on unrelated topics. A query's mean similarity to them is its "background" similarity, and a
 * document's margin over it (cosine minus background) is a candidate calibration input that depends on the query
 * alone: short queries sit close to everything in bge's space. {@link LiteCalibrate} weighs it by cross-validation.
 */
final class ReferenceTexts {

    static final List<String> ZH = List.of(
            "今天下午有小雨，气温十八度左右。",
            "这家餐厅的红烧肉味道很好，价格也不贵。",
            "足球比赛在周六晚上八点开始。",
            "新款笔记本电脑的电池可以用十个小时。",
            "唐朝是中国历史上一个繁荣的朝代。",
            "银行将在下个月调整存款利率。",
            "我们计划暑假去云南旅游。",
            "这部电影讲述了一个关于友情的故事。");

    static final List<String> EN = List.of(
            "Light rain is expected this afternoon with temperatures around 18 degrees.",
            "The restaurant serves a good roast chicken at a fair price.",
            "The football match starts at eight on Saturday evening.",
            "The new laptop's battery lasts about ten hours.",
            "The Roman Empire lasted for several centuries in the west.",
            "The bank will change its savings interest rate next month.",
            "We plan to travel to the mountains during the summer holiday.",
            "The film tells a story about friendship between two neighbours.");

    private ReferenceTexts() {
    }

    static List<String> of(BgeModel model) {
        return model == BgeModel.ZH ? ZH : EN;
    }
}
