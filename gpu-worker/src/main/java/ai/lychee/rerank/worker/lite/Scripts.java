package ai.lychee.rerank.worker.lite;

/** Which writing system a text leans on; decides the model and how terms are cut. */
public final class Scripts {

    private Scripts() {
    }

    /** Han ideographs, kana and hangul: scripts written without spaces between words. */
    public static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }

    public static boolean hasCjk(String text) {
        if (text == null) {
            return false;
        }
        return text.codePoints().anyMatch(Scripts::isCjk);
    }
}
