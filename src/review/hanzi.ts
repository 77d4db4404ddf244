import { Converter } from 'opencc-js/t2cn';

/**
 * Traditional → simplified characters, for matching only: reports from some townships (or copied
 * from older templates, or mirrored by other sites) are written in traditional characters, and
 * the reviewer's patterns are simplified. OpenCC's dictionaries convert them, phrase-aware
 * (乾隆 stays, 乾淨 becomes 干净); character for character, so offsets in the converted text are
 * offsets in the original.
 */
const t2s = Converter({ from: 't', to: 'cn' });

/**
 * Simplified characters that have a traditional form, common in reports: counted to tell a text
 * written in simplified characters with a stray traditional one from a text in traditional ones.
 */
const PAIRS =
  '鄉乡 鎮镇 區区 縣县 辦办 處处 關关 於于 報报 會会 黨党 設设 況况 書书 長长 領领 導导 負负 責责 職职 ' +
  '實实 際际 線线 華华 龍龙 濤涛 東东 門门 陽阳 雲云 灣湾 橋桥 嶺岭 溝沟 莊庄 鳳凤 興兴 廣广 寧宁 豐丰 ' +
  '團团 壩坝 灘滩 圍围 雙双 勝胜 屬属 錫锡 湯汤 馬马 鄭郑 劉刘 張张 陳陈 楊杨 黃黄 趙赵 吳吴 孫孙 羅罗 ' +
  '鄧邓 許许 韓韩 馮冯 蕭萧 蔣蒋 葉叶 蘇苏 呂吕 盧卢 鍾钟 譚谭 陸陆 範范 韋韦 賈贾 鄒邹 閻阎 賀贺 顧顾 ' +
  '龔龚 萬万 錢钱 嚴严 們们 個个 這这 為为 與与 並并 經经 濟济 發发 開开 進进 學学 習习 傳传 講讲 訓训 ' +
  '練练 調调 糾纠 紛纷 訪访 電电 話话 網网 絡络 審审 査查 檢检 執执 規规 準准 決决 議议 務务 體体 製制 ' +
  '條条 約约 權权 資资 節节 當当 時时 間间 歷历 屆届 項项 數数 據据 統统 計计 產产 業业 農农 環环 護护 ' +
  '衛卫 醫医 藥药 戶户 證证 機机 構构 員员 組组 織织 級级 層层 鄰邻 裡里 裏里 邊边 園园 場场 樓楼 廳厅 ' +
  '館馆 鐵铁 鋼钢 銀银 綠绿 紅红 藍蓝 烏乌 鳥鸟 魚鱼 車车 輛辆 號号 碼码 標标 題题 劃划 綱纲 紀纪 總总 ' +
  '結结 歸归 納纳 應应 對对 該该 預预 問问 點点 廠厂 鄕乡 鎭镇 衆众 眾众 億亿 兩两 幾几 舉举 彙汇 匯汇 ' +
  '週周 檔档 類类 課课 稱称 認认 識识 觀观 覺觉 視视 親亲 贊赞 頭头 額额 顯显 風风 飛飞 齊齐 島岛 峽峡 ' +
  '濱滨 澤泽 畫画 堅坚 鑒鉴 鑑鉴 錄录 鏈链 閱阅 隊队 陣阵 隨随 險险 雜杂 難难 靜静 順顺 頻频 願愿 飯饭 ' +
  '養养 餘余 驗验 驅驱 鬥斗 麗丽 歲岁 氣气 滿满 漢汉 潔洁 災灾 熱热 爭争 牆墙 狀状 獎奖 獨独 現现 畝亩 ' +
  '異异 療疗 盡尽 監监 盤盘 確确 礎础 禮礼 禍祸 種种 稅税 穩稳 窮穷 競竞 築筑 簡简 糧粮 紙纸 細细 終终 ' +
  '絕绝 給给 絲丝 綜综 維维 緊紧 編编 績绩 繼继 續续 罰罚 聯联 聲声 聽听 腦脑 臨临 舊旧 艱艰 蘭兰 補补 ' +
  '裝装 複复 覽览 詢询 試试 詳详 誠诚 誤误 說说 談谈 請请 諾诺 謝谢 讀读 變变 讓让 財财 貧贫 貨货 質质 ' +
  '賬账 購购 趨趋 跡迹 軍军 輕轻 較较 輔辅 轉转 辭辞 連连 運运 過过 達达 違违 遠远 適适 選选 遺遗 還还 ' +
  '郵邮 釋释 鐘钟 錯错 鍵键 閉闭 闡阐 隱隐 雖虽 雞鸡 霧雾 靈灵 響响 頁页 須须 頒颁 頓顿 顆颗 顏颜 創创 ' +
  '優优 勵励 勢势 協协 參参 圖图 壓压 夠够 專专 將将 廢废 徑径 從从 復复 徵征 懲惩 態态 憲宪 戰战 擔担 ' +
  '擴扩 攜携 敗败 斷断 暫暂 樣样 歡欢 沒没 測测 滅灭 獲获 禦御 積积 穫获 純纯 紹绍 訴诉 詞词 評评 訂订 ' +
  '訊讯 託托 誌志 語语 論论 諮咨 謀谋 譜谱 貫贯 費费 賦赋 賽赛 贏赢 踐践 軟软 載载 輸输 轄辖 辯辩 邁迈 ' +
  '針针 鑰钥 閘闸 隸隶 離离 韻韵 頂顶 顛颠 飽饱 驕骄 髒脏 鬧闹 魯鲁 鮮鲜 齡龄 ' +
  '動动 單单 師师 幹干 義义 後后 聞闻 寫写 啟启 遞递 擊击 嗎吗 麼么 ';

const SIMPLIFIED = new Set(
  PAIRS.split(' ')
    .filter((p) => p.length === 2)
    .map((p) => p[1]!),
);

/** The last text converted and its conversion: a document is converted by several readers. */
let last: readonly [string, string] | undefined;

/** The text in simplified characters, character for character (same length, same offsets). */
export function toSimplified(text: string): string {
  if (last?.[0] === text) return last[1];
  let out = t2s(text);
  // A phrase whose simplified form is of another length (rare): converted character by character.
  if (out.length !== text.length) {
    out = '';
    for (const ch of text) {
      const s = t2s(ch);
      out += s.length === ch.length ? s : ch;
    }
  }
  last = [text, out];
  return out;
}

/**
 * Traditional characters left in a text written in simplified ones (工作情況): their offsets. None
 * in a text written in traditional characters, where they are the script, not a slip.
 */
export function strayTraditional(text: string): number[] {
  const plain = toSimplified(text);
  if (plain === text) return [];
  const at: number[] = [];
  let simplified = 0;
  for (let i = 0; i < text.length; i++) {
    if (plain[i] !== text[i]) at.push(i);
    else if (SIMPLIFIED.has(text[i]!)) simplified++;
  }
  // A few among many simplified ones: the odd character typed or pasted in another script.
  return at.length <= 3 && simplified >= 20 * at.length ? at : [];
}
