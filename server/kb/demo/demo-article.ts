/** One demo help-centre article in one language; `key` links its translations. */
export interface DemoArticle {
  key: string;
  category: string;
  tags: string[];
  title: string;
  body: string;
}
