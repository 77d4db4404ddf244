import type { ThemeConfig } from 'antd';

/** Government red as the primary colour, compact enough for 1366×768 screens. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b8262d',
    colorLink: '#b8262d',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  },
  components: {
    Layout: { siderBg: '#1f2a3a', triggerBg: '#18212e' },
    Menu: { darkItemBg: '#1f2a3a', darkSubMenuItemBg: '#18212e', darkItemSelectedBg: '#b8262d' },
    Table: { cellPaddingBlockSM: 6 },
  },
};
