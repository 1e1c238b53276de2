package ai.lychee.rerank.worker.image;

import java.util.List;
import java.util.Map;

/**
 * Words for ImageNet classes that captions use: coarse groups over class ranges (118 dog breeds are "dog" / "狗")
 * and Chinese names for a few classes common in everyday photos. Other classes stay English only.
 */
final class ImageNetWords {

    /** A coarse word covering class index ranges [from, to] (inclusive pairs). */
    record Group(String en, String zh, int... ranges) {
        double probability(double[] prob) {
            double sum = 0;
            for (int r = 0; r + 1 < ranges.length; r += 2) {
                for (int i = ranges[r]; i <= ranges[r + 1]; i++) {
                    sum += prob[i];
                }
            }
            return sum;
        }
    }

    static final List<Group> GROUPS = List.of(
            new Group("dog", "狗", 151, 268),
            new Group("cat", "猫", 281, 285),
            new Group("bird", "鸟", 7, 24, 80, 100, 127, 146),
            new Group("fish", "鱼", 0, 6, 389, 397),
            new Group("bear", "熊", 294, 297),
            new Group("horse", "马", 339, 339, 603, 603),
            new Group("monkey", "猴子", 365, 384),
            new Group("insect", "昆虫", 300, 326),
            new Group("water", "水", 973, 973, 975, 975, 977, 978),
            new Group("mountain", "山", 970, 970, 972, 972, 976, 976, 979, 980));

    private static final Map<String, String> CHINESE = Map.ofEntries(
            Map.entry("seashore", "海边"), Map.entry("lakeside", "湖边"), Map.entry("alp", "高山"),
            Map.entry("valley", "山谷"), Map.entry("cliff", "悬崖"), Map.entry("sandbar", "沙滩"),
            Map.entry("ballplayer", "棒球运动员"), Map.entry("groom", "新郎"), Map.entry("scuba diver", "潜水员"),
            Map.entry("ski", "滑雪"), Map.entry("swing", "秋千"), Map.entry("snowmobile", "雪地摩托"),
            Map.entry("bicycle-built-for-two", "双人自行车"), Map.entry("mountain bike", "山地自行车"),
            Map.entry("sports car", "跑车"), Map.entry("football helmet", "橄榄球头盔"),
            Map.entry("soccer ball", "足球"), Map.entry("tennis ball", "网球"), Map.entry("basketball", "篮球"),
            Map.entry("golden retriever", "金毛犬"), Map.entry("Labrador retriever", "拉布拉多犬"),
            Map.entry("German shepherd", "德国牧羊犬"), Map.entry("tabby", "虎斑猫"), Map.entry("umbrella", "雨伞"),
            Map.entry("jersey", "球衣"), Map.entry("sweatshirt", "运动衫"), Map.entry("backpack", "背包"),
            Map.entry("sunglasses", "太阳镜"), Map.entry("fountain", "喷泉"), Map.entry("pier", "码头"),
            Map.entry("canoe", "独木舟"), Map.entry("paddle", "桨"), Map.entry("lakeshore", "湖岸"));

    private ImageNetWords() {
    }

    /** The Chinese name of a class, or null when we have none. */
    static String chinese(String english) {
        return CHINESE.get(english);
    }
}
