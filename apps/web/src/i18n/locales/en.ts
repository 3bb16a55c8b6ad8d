import type { LocaleResource } from '../locale-resource';

/** English. Must have exactly zh-CN's keys (the type enforces it; locales.test.ts double-checks). */
export const en: LocaleResource = {
  app: {
    name: 'Kindling',
    tagline: 'Open-source B2B marketing automation: acquire, nurture and convert in one place',
    footer: '© {{year}} Kindling · open source, self-hostable',
  },
  language: {
    label: 'Language',
    names: {
      'zh-CN': '中文',
      en: 'English',
    },
  },
  common: {
    save: 'Save',
    saved: 'Saved',
    cancel: 'Cancel',
    delete: 'Delete',
    edit: 'Edit',
    back: 'Back',
    done: 'Done',
    retry: 'Retry',
    reload: 'Reload page',
    copy: 'Copy',
    copied: 'Copied',
    actions: 'Actions',
    loadFailed: 'Could not load',
    noChanges: 'Nothing to save',
  },
  validation: {
    required: 'This field is required',
    email: 'Enter a valid email address',
    url: 'Enter a valid URL starting with http:// or https://',
    passwordMin: 'At least 8 characters',
    passwordHint: 'At least 8 characters; mix letters, digits and symbols',
  },
  errors: {
    bad_request: 'The request was not valid. Please check and try again.',
    validation_failed: 'Some fields are not valid. Please check the highlighted fields.',
    unauthenticated: 'Your session has expired. Please sign in again.',
    invalid_credentials: 'Wrong email or password',
    forbidden: 'Your role is not allowed to do this. Ask a workspace admin if you need access.',
    not_found: 'Not found, or it has been deleted',
    conflict: 'Conflict: a matching record already exists',
    payload_too_large: 'What you sent is too large',
    unsupported_media_type: 'Unsupported content type',
    rate_limited: 'Too many attempts. Please wait a moment and try again.',
    internal_error: 'Something went wrong on the server. Please try again later.',
    network_error: 'Network error. Check your connection and try again.',
    unexpected: 'Something unexpected happened. Please try again.',
    forbiddenTitle: 'No access',
    crashTitle: 'Something broke',
    crashHint: 'An error occurred while rendering this page. Reloading usually helps.',
  },
  login: {
    title: 'Sign in',
    subtitle: 'Sign in to your marketing workspace with your work email',
    email: 'Email',
    emailPlaceholder: 'name@company.com',
    password: 'Password',
    passwordPlaceholder: 'Your password',
    submit: 'Sign in',
  },
  invite: {
    title: 'Accept invitation',
    subtitle: 'You have been invited to join “{{workspace}}”',
    workspace: 'Workspace',
    email: 'Email',
    role: 'Role',
    expires: 'Expires',
    existingUser: 'This email already has a Kindling account. Enter its password to join the workspace.',
    existingPassword: 'Your Kindling password',
    name: 'Your name',
    password: 'Choose a password',
    join: 'Join workspace',
    createAndJoin: 'Create account and join',
    invalid: 'This invitation is invalid or has expired',
    invalidHint: 'Ask the colleague who invited you to send a new invitation.',
    goToLogin: 'Go to sign in',
  },
  layout: {
    collapseMenu: 'Collapse menu',
    expandMenu: 'Expand menu',
  },
  nav: {
    sections: {
      acquisition: 'Acquisition',
      leadManagement: 'Leads',
      engagement: 'Engagement',
      content: 'Content',
      analytics: 'Analytics',
      settings: 'Settings',
    },
    items: {
      events: {
        title: 'Events & exhibitions',
        description:
          'Offline meetings and exhibitions: registration forms, approval, QR check-in, promotion beforehand and behaviour tags afterwards.',
      },
      gatedContent: {
        title: 'Gated content',
        description:
          'Landing pages with a form gate for white papers and reports, delivered by download link or email, with lead and download stats.',
      },
      live: {
        title: 'Live streams',
        description:
          'Registration, three-pane or video-only layouts, replays, and automatic replay links for registrants who missed it.',
      },
      advocacy: {
        title: 'Employee advocacy',
        description:
          'A personal QR-code poster for every employee or member, with points for views and registrations and a leaderboard.',
      },
      referral: {
        title: 'Referral',
        description:
          'Poster-based referral: invite N friends to complete a task to earn a reward, with live progress and automatic posters for helpers.',
      },
      tracking: {
        title: 'Tracking',
        description:
          'Generated tracking snippets for websites, H5 and mini programs: page views, clicks, form submits, UTM capture and visitor-to-lead stitching.',
      },
      leads: {
        title: 'Lead pool',
        description: "The workspace's shared lead pool: create, search, filter, assign and export leads.",
      },
      companies: {
        title: 'Companies',
        description:
          'Account-based view of leads by company, with registry enrichment and company hierarchies to avoid duplicate outreach.',
      },
      lifecycleStages: {
        title: 'Lifecycle stages',
        description:
          'Raw lead → MQL → SAL → SQL → Customer; editable stages that rules move leads through automatically.',
      },
      scoring: {
        title: 'Scoring',
        description:
          'Behaviour and profile scoring rules with expiry, decay and per-period caps; every point is explainable.',
      },
      tags: {
        title: 'Tags',
        description:
          'A tag library up to four levels deep, manual and dynamic tags kept apart, with coverage and month-on-month stats.',
      },
      wechatFollowers: {
        title: 'WeChat followers',
        description:
          'Official Account followers: totals, unfollows, and followers active in the last 48 hours (the service window).',
      },
      memberCentre: {
        title: 'Member centre',
        description:
          "The lead's own page inside the Official Account: loyalty points, earning rules, advocacy posters and a points mall.",
      },
      journeys: {
        title: 'Journeys',
        description:
          'A visual canvas for automated journeys: triggered by segments, behaviour or dates; send, wait, branch and tag across channels.',
      },
      email: {
        title: 'Email',
        description:
          'Campaign and journey email: sending domain (SPF/DKIM), templates, personalisation, open and click tracking, unsubscribe.',
      },
      sms: {
        title: 'SMS',
        description:
          'Notification, marketing and rich SMS with a template library, tracked short links and Alibaba Cloud / Tencent Cloud adapters.',
      },
      wechatOa: {
        title: 'WeChat OA',
        description:
          'Official Account mass sends (all, by tag or segment, with A/B split), template messages and subscription notices.',
      },
      wecom: {
        title: 'WeCom',
        description:
          'Contact-me QR codes with source tracking, welcome messages, customer mass sends and Moments tasks.',
      },
      chatbot: {
        title: 'Chatbot',
        description:
          'Asks followers a sequence of questions inside the Official Account; answers update profile fields or tags.',
      },
      businessCards: {
        title: 'Business cards',
        description:
          'A company-wide card template and personal staff cards; views, clicks and replies count toward lead scores.',
      },
      articles: {
        title: 'Articles',
        description:
          'Drafts synced from the WeChat platform, personalised articles and external-link articles, with read tracking.',
      },
      trackedLinks: {
        title: 'Tracked links',
        description: 'Turns any URL into a short tracked link that records who clicked.',
      },
      forms: {
        title: 'Forms',
        description:
          'A form builder (text, phone, email, choices, date, consent, hidden fields); submissions create or update leads.',
      },
      assets: {
        title: 'Asset library',
        description:
          "Every department's documents, categorised and published, with full-text search, usage notes and a side panel for sales chats.",
      },
      dashboards: {
        title: 'Dashboards',
        description:
          'Stage funnel and conversion, lead sources and attribution, channel performance, tag stats and SaaS metrics.',
      },
      workspace: {
        title: 'Workspace',
        description: 'Workspace name, time zone and logo.',
      },
      members: {
        title: 'Members & roles',
        description: 'Manage who is in this workspace, their roles, and invitations.',
      },
      fields: {
        title: 'Custom fields',
        description:
          'Built-in and custom lead fields: types, options, required and unique rules, and their order in forms.',
      },
      audit: {
        title: 'Audit log',
        description: 'A record of sign-ins, membership changes, exports and other key actions.',
      },
      account: {
        title: 'My account',
        description: 'Your profile, interface language and password.',
      },
    },
  },
  comingSoon: {
    badge: 'Coming soon',
    inSection: 'Part of {{section}}',
    backToLeads: 'Back to the lead pool',
  },
  notFound: {
    title: 'Page not found',
    subtitle: 'The page you are looking for does not exist or has moved.',
    back: 'Go home',
  },
  workspaces: {
    switcher: 'Switch workspace',
    switched: 'Switched to “{{name}}”',
    create: {
      title: 'New workspace',
      submit: 'Create and open',
      namePlaceholder: 'e.g. EMEA Marketing',
    },
    fields: {
      id: 'Workspace ID',
      name: 'Name',
      timeZone: 'Time zone',
      timeZoneHint: 'Times in lists and reports are shown in this zone.',
      logoUrl: 'Logo URL',
      logoUrlHint: 'An https link to an image; square images work best.',
      createdAt: 'Created',
    },
  },
  userMenu: {
    account: 'My account',
    logout: 'Sign out',
  },
  tasks: {
    title: 'Tasks',
    button: 'Tasks',
    empty: 'No tasks yet. Long operations such as exports show their progress here.',
    download: 'Download',
    progress: '{{done}}/{{total}}',
    status: {
      queued: 'Queued',
      running: 'Running',
      succeeded: 'Done',
      failed: 'Failed',
    },
    kinds: {
      leads: {
        export: 'Export leads',
      },
    },
    result: {
      rows: 'Rows: {{rows}}',
    },
  },
  leads: {
    fields: {
      name: 'Name',
      email: 'Email',
      phone: 'Phone',
      companyName: 'Company',
      jobTitle: 'Job title',
      source: 'Source',
      owner: 'Owner',
      createdAt: 'Created',
      updatedAt: 'Updated',
      deletedAt: 'Deleted',
      industry: 'Industry',
      province: 'Province',
      city: 'City',
      wechatOpenid: 'WeChat OpenID',
      wechatUnionid: 'WeChat UnionID',
    },
    sources: {
      manual: 'Manual',
      import: 'Import',
      website: 'Website',
      form: 'Form',
      event: 'Event',
      wechat: 'WeChat OA',
      wecom: 'WeCom',
      referral: 'Referral',
      live: 'Live stream',
      content: 'Gated content',
      api: 'API',
      other: 'Other',
    },
    list: {
      new: 'New lead',
      searchPlaceholder: 'Search name, email, phone or company',
      sourceFilter: 'All sources',
      viewActive: 'Leads',
      viewDeleted: 'Recycle bin',
      total: 'Total: {{total}}',
      empty: 'No leads yet. Create the first one.',
      emptyFiltered: 'No leads match these filters',
    },
    assign: {
      button: 'Assign',
      bulk: 'Assign ({{count}})',
      title: 'Assign {{count}} lead(s)',
      submit: 'Assign',
      mode: 'How',
      modes: { owner: 'To one person', roundRobin: 'Round-robin', pool: 'Back to public pool' },
      owner: 'Owner',
      people: 'Share among',
      roundRobinHint: 'Leads are handed out in turn, oldest first.',
      poolHint: 'The leads lose their owner and go back to the public pool, where anyone in sales can claim them.',
      done: '{{assigned}} assigned, {{unchanged}} unchanged',
    },
    pool: {
      all: 'All leads',
      mine: 'My leads',
      public: 'Public pool',
      claim: 'Claim',
      claimed: 'The lead is yours now',
      release: 'Release to pool',
      releaseConfirm: 'Return this lead to the public pool?',
      released: 'Returned to the public pool',
    },
    recycleBin: {
      hint: 'Deleted leads stay in the recycle bin for 30 days and can be restored at any time until then.',
      restore: 'Restore',
      restored: 'Restored “{{name}}”',
      empty: 'The recycle bin is empty',
    },
    export: {
      button: 'Export',
      started: 'Export started. Download it from Tasks when it is ready.',
    },
    form: {
      createTitle: 'New lead',
      editTitle: 'Edit lead',
      create: 'Create',
      created: 'Created “{{name}}”',
      updated: 'Lead updated',
      noChanges: 'Nothing was changed',
      conflict: 'A lead with this email or phone number already exists',
      phoneHint: 'Mainland China numbers as is; others with the country code, e.g. +65',
      ownerPlaceholder: 'Choose an owner',
    },
    detail: {
      title: 'Lead',
      profile: 'Profile',
      activity: 'Activity',
      deleteConfirm: 'Delete this lead?',
      deleteHint: 'It moves to the recycle bin and can be restored within 30 days.',
      deletedMessage: 'Deleted “{{name}}”. You can restore it from the recycle bin.',
      notFound: 'Lead not found',
      notFoundHint: 'It may have been permanently deleted, or it belongs to another workspace.',
      backToList: 'Back to the lead pool',
    },
  },
  activities: {
    types: {
      lead_created: 'Lead created',
      lead_updated: 'Profile updated',
      lead_deleted: 'Lead deleted',
      lead_restored: 'Restored from the recycle bin',
      lead_assigned: 'Owner assigned',
      note_added: 'Note added',
    },
    system: 'System',
    createdFrom: 'Source: {{source}}',
    emptyValue: '(empty)',
    empty: 'No activity yet',
    loadMore: 'Load more',
    noMore: 'No older activity',
    note: {
      placeholder: 'Log a call, a meeting, next steps… (Ctrl/⌘ + Enter to add)',
      submit: 'Add note',
    },
  },
  roles: {
    tab: 'Roles',
    owner: {
      name: 'Owner',
      description: 'Owns the workspace and can do everything; only owners can make someone else an owner.',
    },
    admin: {
      name: 'Admin',
      description: 'Can do everything: members and roles, workspace settings, the audit log and all lead actions.',
    },
    marketer: {
      name: 'Marketer',
      description: 'Creates, edits, deletes and exports leads, runs campaigns and content; cannot manage members.',
    },
    sales: {
      name: 'Sales',
      description: 'Views and works leads, adds notes and updates profiles; cannot delete or bulk-export leads.',
    },
    manager: {
      name: 'Manager',
      description: 'Views leads, dashboards and the audit log, and can export; cannot edit leads.',
    },
    viewer: {
      name: 'Viewer',
      description: 'Can look at leads and workspace information but cannot change anything.',
    },
  },
  members: {
    tab: 'Members',
    you: 'You',
    fields: {
      name: 'Name',
      email: 'Email',
      role: 'Role',
      joinedAt: 'Joined',
    },
    roleChanged: "Updated {{name}}'s role",
    remove: 'Remove',
    removeConfirm: 'Remove {{name}} from this workspace?',
    removeHint: 'They will lose access to this workspace. Leads they own are not affected.',
    removed: 'Removed {{name}}',
  },
  invitations: {
    tab: 'Invitations',
    empty: 'No invitations',
    fields: {
      email: 'Email',
      role: 'Role',
      invitedBy: 'Invited by',
      expiresAt: 'Expires',
      status: 'Status',
    },
    status: {
      pending: 'Pending',
      accepted: 'Accepted',
      expired: 'Expired',
    },
    revoke: 'Revoke',
    revokeConfirm: 'Revoke the invitation for {{email}}?',
    revoked: 'Revoked the invitation for {{email}}',
    invite: {
      title: 'Invite member',
      submit: 'Create invitation link',
      conflict: 'This email is already a member or has a pending invitation',
    },
    link: {
      title: 'Invitation link created',
      intro: 'Send this link to {{email}}; opening it lets them join the workspace. It is shown only once.',
      emailNote:
        'Sending invitations by email arrives with the email channel. For now, copy the link and send it yourself.',
    },
  },
  audit: {
    total: '{{total}} entries',
    filterAction: 'All actions',
    system: 'System',
    fields: {
      time: 'Time',
      actor: 'Actor',
      action: 'Action',
      target: 'Target',
      ip: 'IP address',
      details: 'Details',
    },
    actions: {
      auth: {
        login: 'Signed in',
        login_failed: 'Sign-in failed',
        logout: 'Signed out',
        password_changed: 'Changed password',
      },
      member: {
        invited: 'Invited a member',
        joined: 'Member joined',
        role_changed: 'Changed a role',
        removed: 'Removed a member',
      },
      workspace: {
        created: 'Created a workspace',
        updated: 'Updated the workspace',
      },
      leads: {
        exported: 'Exported leads',
      },
      fields: {
        created: 'Created a custom field',
        updated: 'Changed a custom field',
        archived: 'Archived a custom field',
        restored: 'Restored a custom field',
        reordered: 'Reordered custom fields',
      },
    },
  },
  customFields: {
    add: 'New field',
    create: 'Create',
    createTitle: 'New custom field',
    editTitle: 'Edit field',
    created: 'Created the field “{{name}}”',
    updated: 'Field updated',
    archive: 'Archive',
    restore: 'Restore',
    archiveConfirm: 'Archive the field “{{name}}”?',
    archiveHint:
      'Archived fields leave the forms and cannot be written, but the values already stored are kept. You can restore it at any time.',
    archivedMessage: 'Archived “{{name}}”',
    restoredMessage: 'Restored “{{name}}”',
    moveUp: 'Move up',
    moveDown: 'Move down',
    locked: 'Built-in field; it cannot be changed',
    readOnly: 'Your role can view the fields but not change them. Ask a workspace admin to make changes.',
    sectionTitle: 'Custom fields',
    yes: 'Yes',
    no: 'No',
    columns: {
      label: 'Label',
      key: 'Key',
      type: 'Type',
      required: 'Required',
      unique: 'Unique',
      status: 'Status',
    },
    status: {
      builtIn: 'Built-in',
      active: 'Active',
      archived: 'Archived',
    },
    types: {
      text: 'Text',
      long_text: 'Long text',
      number: 'Number',
      date: 'Date',
      datetime: 'Date & time',
      single_select: 'Single choice',
      multi_select: 'Multiple choice',
      boolean: 'Yes/No',
      email: 'Email',
      phone: 'Phone',
      url: 'URL',
      user: 'Member',
    },
    form: {
      labelZh: 'Chinese label',
      labelEn: 'English label',
      key: 'Key',
      keyHint: 'Used by the API, imports and exports; it cannot be changed later.',
      keyInvalid: '2–40 lower-case letters, digits or _, starting with a letter',
      type: 'Type',
      typeChangeHint:
        'Changing the type converts stored values; if some cannot be converted you are told how many leads are affected and nothing changes.',
      options: 'Options',
      optionsHint: 'Option values are stored on leads, so avoid changing them; labels can change at any time.',
      optionValue: 'Value',
      addOption: 'Add option',
      optionsRequired: 'Add at least one option',
      required: 'Required',
      unique: 'Unique values',
      uniqueHint: 'No two leads may have the same value',
      helpText: 'Help text',
      helpTextHint: 'Shown under the field in the lead form',
      conflict: 'This clashes with an existing field or with stored values; see the highlighted fields',
    },
  },
  settings: {
    readOnly: 'Your role can view these settings but not change them. Ask a workspace admin to make changes.',
  },
  account: {
    profile: {
      title: 'Profile',
      email: 'Sign-in email',
      name: 'Name',
      language: 'Interface language',
      languageHint: 'After signing in, the console switches to the language chosen here.',
    },
    password: {
      title: 'Change password',
      current: 'Current password',
      new: 'New password',
      confirm: 'Confirm new password',
      mismatch: 'The new passwords do not match',
      submit: 'Change password',
      changed: 'Password changed. You have been signed out on all other devices.',
      wrongCurrent: 'The current password is not correct',
    },
  },
};
