import type { ThemeConfig } from 'antd';

export const BRAND_ORANGE = '#ff6a00';

/** antd defaults, Kindling orange, and a slightly denser console. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_ORANGE,
    colorLink: '#e85f00',
    borderRadius: 6,
    colorBgLayout: '#f4f5f7',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { itemHeight: 38, subMenuItemBg: '#ffffff', itemMarginInline: 8 },
    Table: { headerBg: '#fafafb' },
  },
};
