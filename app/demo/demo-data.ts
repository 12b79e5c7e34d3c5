/**
 * Demo data from the two articles about the Vĩnh Phúc forum. What the articles give is used as
 * written (names, titles, hosts, topics, the MoU signing). Everything they do not give — dates,
 * venue, emails, figures, the sample company, clause wording — is invented and flagged `is_sample`.
 */
import type { AgendaKind, EventOrgRole, OrgKind } from "~db/schema";

export const DEMO_PASSWORD = "vinhphuc-demo";

export type DemoOrg = {
  id: string;
  name_vi: string;
  name_en: string;
  short_name: string;
  kind: OrgKind;
  country: string;
  province: string | null;
  sector: string;
  website: string | null;
  description_vi: string;
  description_en: string;
  verified: boolean;
  is_sample: boolean;
};

export const ORGS: DemoOrg[] = [
  {
    id: "nic",
    name_vi: "Trung tâm Đổi mới sáng tạo Quốc gia",
    name_en: "National Innovation Center",
    short_name: "NIC",
    kind: "agency",
    country: "VN",
    province: "Hà Nội",
    sector: "Đổi mới sáng tạo",
    website: "https://nic.gov.vn",
    description_vi: "Đơn vị thuộc Bộ Tài chính, cầu nối giữa Chính phủ, địa phương, doanh nghiệp và các tập đoàn công nghệ hàng đầu.",
    description_en: "Under the Ministry of Finance; a bridge between government, provinces, companies and leading technology groups.",
    verified: true,
    is_sample: false,
  },
  {
    id: "ubnd-vinh-phuc",
    name_vi: "Ủy ban nhân dân tỉnh Vĩnh Phúc",
    name_en: "Vĩnh Phúc Provincial People's Committee",
    short_name: "UBND tỉnh Vĩnh Phúc",
    kind: "agency",
    country: "VN",
    province: "Vĩnh Phúc",
    sector: "Quản lý nhà nước",
    website: "https://vinhphuc.gov.vn",
    description_vi: "Chủ trì diễn đàn; định hướng trở thành trung tâm công nghiệp điện tử công nghệ cao của cả nước.",
    description_en: "Host of the forum; aiming to become the country's centre for high-tech electronics.",
    verified: true,
    is_sample: false,
  },
  {
    id: "so-khcn-vinh-phuc",
    name_vi: "Sở Khoa học và Công nghệ tỉnh Vĩnh Phúc",
    name_en: "Vĩnh Phúc Department of Science and Technology",
    short_name: "Sở KH&CN Vĩnh Phúc",
    kind: "agency",
    country: "VN",
    province: "Vĩnh Phúc",
    sector: "Khoa học và công nghệ",
    website: null,
    description_vi: "Được UBND tỉnh giao phối hợp với NIC và Dassault Systèmes tổ chức diễn đàn.",
    description_en: "Tasked by the Provincial People's Committee to organise the forum with NIC and Dassault Systèmes.",
    verified: true,
    is_sample: false,
  },
  {
    id: "dassault-systemes",
    name_vi: "Tập đoàn Dassault Systèmes",
    name_en: "Dassault Systèmes",
    short_name: "Dassault Systèmes",
    kind: "corporation",
    country: "FR",
    province: null,
    sector: "Phần mềm công nghiệp",
    website: "https://www.3ds.com",
    description_vi: "Tập đoàn phần mềm của Pháp; giới thiệu DELMIA và ENOVIA để mô phỏng, lập kế hoạch và tối ưu hóa sản xuất và chuỗi cung ứng.",
    description_en: "French software group; presented DELMIA and ENOVIA for simulating, planning and optimising production and supply chains.",
    verified: true,
    is_sample: false,
  },
  {
    id: "ntt",
    name_vi: "Tập đoàn NTT Nhật Bản",
    name_en: "NTT Group (Japan)",
    short_name: "NTT",
    kind: "corporation",
    country: "JP",
    province: null,
    sector: "Viễn thông và công nghệ thông tin",
    website: "https://group.ntt",
    description_vi: "Đồng hành cùng diễn đàn; NTT e-MOI chia sẻ về hệ thống thực thi sản xuất (MES) và Internet Vạn Vật (IoT).",
    description_en: "Partner of the forum; NTT e-MOI spoke on manufacturing execution systems (MES) and the Internet of Things.",
    verified: true,
    is_sample: false,
  },
  {
    id: "kami",
    name_vi: "CTCP Công nghệ Chế tạo Kami",
    name_en: "Kami Manufacturing Technology JSC",
    short_name: "Kami",
    kind: "enterprise",
    country: "VN",
    province: "Vĩnh Phúc",
    sector: "Chế tạo công nghệ cao",
    website: null,
    description_vi: "Doanh nghiệp công nghệ cao đồng hành cùng diễn đàn.",
    description_en: "High-tech manufacturer and partner of the forum.",
    verified: true,
    is_sample: false,
  },
  {
    id: "binh-xuyen-electronics",
    name_vi: "Công ty TNHH Linh kiện Điện tử Bình Xuyên",
    name_en: "Bình Xuyên Electronic Components Co., Ltd.",
    short_name: "Bình Xuyên Electronics",
    kind: "enterprise",
    country: "VN",
    province: "Vĩnh Phúc",
    sector: "Điện tử",
    website: null,
    description_vi: "Doanh nghiệp mẫu (không có trong bài báo) sản xuất linh kiện điện tử tại Vĩnh Phúc.",
    description_en: "A sample company (not in the articles) making electronic components in Vĩnh Phúc.",
    verified: false,
    is_sample: true,
  },
];

export type DemoUser = {
  email: string;
  name: string;
  is_staff?: boolean;
  is_organizer?: boolean;
  memberships: { org: string; role: "admin" | "member" }[];
  position: string;
};

export const USERS: DemoUser[] = [
  { email: "staff@nic.demo.example", name: "Lê Minh Anh", is_staff: true, position: "Chuyên viên NIC", memberships: [{ org: "nic", role: "admin" }] },
  {
    email: "organizer@vinhphuc.demo.example",
    name: "Phạm Quang Huy",
    is_organizer: true,
    position: "Chuyên viên Sở KH&CN",
    memberships: [{ org: "so-khcn-vinh-phuc", role: "admin" }],
  },
  {
    email: "signer@3ds.demo.example",
    name: "Nguyễn Hoàng Nam",
    position: "Giám đốc quốc gia, Việt Nam",
    memberships: [{ org: "dassault-systemes", role: "admin" }],
  },
  {
    email: "signer@kami.demo.example",
    name: "Đỗ Thị Thu Trang",
    position: "Tổng Giám đốc",
    memberships: [{ org: "kami", role: "admin" }],
  },
];

export const FORUM_SLUG = "dien-dan-kinh-te-so-vinh-phuc";
export const WORKSHOP_SLUG = "hoi-thao-thuc-hanh-delmia-enovia";

export type DemoSpeaker = {
  key: string;
  name: string;
  position_vi: string;
  position_en: string;
  org: string;
  bio_vi: string;
  bio_en: string;
};

export const FORUM_SPEAKERS: DemoSpeaker[] = [
  {
    key: "dong",
    name: "Trần Duy Đông",
    position_vi: "Chủ tịch UBND tỉnh Vĩnh Phúc",
    position_en: "Chairman, Vĩnh Phúc Provincial People's Committee",
    org: "ubnd-vinh-phuc",
    bio_vi: "Phát biểu về lợi thế của Vĩnh Phúc: vị trí chiến lược, hạ tầng đồng bộ và hệ sinh thái công nghiệp đa dạng.",
    bio_en: "Spoke on Vĩnh Phúc's strengths: a strategic location, connected infrastructure and a diverse industrial ecosystem.",
  },
  {
    key: "huy",
    name: "Vũ Quốc Huy",
    position_vi: "Giám đốc Trung tâm Đổi mới sáng tạo Quốc gia (NIC)",
    position_en: "Director, National Innovation Center (NIC)",
    org: "nic",
    bio_vi: "Nhấn mạnh chuyển đổi số là sự thay đổi toàn diện trong tư duy phát triển và vận hành.",
    bio_en: "Stressed that digital transformation is a complete change in how we think about development and operations.",
  },
  {
    key: "ding",
    name: "Ding Ming Chee",
    position_vi: "Tổng Giám đốc phát triển kinh doanh khu vực Nam Á - Thái Bình Dương, Dassault Systèmes",
    position_en: "General Manager, Business Development, South Asia-Pacific, Dassault Systèmes",
    org: "dassault-systemes",
    bio_vi: "Chia sẻ về tiềm năng của nền tảng số trong việc biến đổi chuỗi cung ứng sản xuất tại Việt Nam.",
    bio_en: "Spoke on the potential of digital platforms to transform manufacturing supply chains in Vietnam.",
  },
  {
    key: "watanabe",
    name: "Watanabe Akira",
    position_vi: "Tổng Giám đốc NTT e-MOI",
    position_en: "General Director, NTT e-MOI",
    org: "ntt",
    bio_vi: "Nhấn mạnh vai trò của MES và IoT trong quản trị nhà máy hiện đại.",
    bio_en: "Stressed the role of MES and IoT in running a modern factory.",
  },
];

export type DemoAgendaItem = {
  start: string;
  end: string;
  kind: AgendaKind;
  room: string;
  title_vi: string;
  title_en: string;
  speakers: string[];
};

/** Times of day in Vietnam; the day itself is relative to today. */
export const FORUM_AGENDA: DemoAgendaItem[] = [
  { start: "08:00", end: "08:30", kind: "break", room: "Hội trường A", title_vi: "Đón tiếp đại biểu", title_en: "Welcome and registration", speakers: [] },
  {
    start: "08:30",
    end: "08:50",
    kind: "keynote",
    room: "Hội trường A",
    title_vi: "Phát biểu khai mạc: Vĩnh Phúc và định hướng phát triển kinh tế số",
    title_en: "Opening address: Vĩnh Phúc and its digital-economy strategy",
    speakers: ["dong"],
  },
  {
    start: "08:50",
    end: "09:10",
    kind: "keynote",
    room: "Hội trường A",
    title_vi: "NIC — cầu nối giữa Chính phủ, địa phương, doanh nghiệp và các tập đoàn công nghệ",
    title_en: "NIC as a bridge between government, provinces, companies and technology groups",
    speakers: ["huy"],
  },
  {
    start: "09:10",
    end: "09:40",
    kind: "talk",
    room: "Hội trường A",
    title_vi: "Nền tảng số biến đổi chuỗi cung ứng sản xuất: DELMIA và ENOVIA",
    title_en: "Digital platforms transforming manufacturing supply chains: DELMIA and ENOVIA",
    speakers: ["ding"],
  },
  {
    start: "09:40",
    end: "10:10",
    kind: "talk",
    room: "Hội trường A",
    title_vi: "MES và IoT trong quản trị nhà máy hiện đại",
    title_en: "MES and IoT in the modern factory",
    speakers: ["watanabe"],
  },
  { start: "10:10", end: "10:25", kind: "break", room: "Hội trường A", title_vi: "Giải lao", title_en: "Coffee break", speakers: [] },
  {
    start: "10:25",
    end: "11:15",
    kind: "panel",
    room: "Hội trường A",
    title_vi: "Thảo luận: khung pháp lý, hỗ trợ doanh nghiệp nhỏ và vừa, startup tiếp cận nguồn lực",
    title_en: "Panel: the legal framework, support for SMEs, and startups' access to resources",
    speakers: ["huy", "ding", "watanabe"],
  },
  {
    start: "11:15",
    end: "11:45",
    kind: "ceremony",
    room: "Hội trường A",
    title_vi: "Lễ ký biên bản ghi nhớ giữa Dassault Systèmes và các doanh nghiệp công nghệ cao tỉnh Vĩnh Phúc",
    title_en: "Signing of memoranda of understanding between Dassault Systèmes and Vĩnh Phúc high-tech enterprises",
    speakers: ["dong", "ding"],
  },
];

export const FORUM_ORGS: { org: string; role: EventOrgRole }[] = [
  { org: "ubnd-vinh-phuc", role: "host" },
  { org: "so-khcn-vinh-phuc", role: "co_organizer" },
  { org: "nic", role: "co_organizer" },
  { org: "dassault-systemes", role: "co_organizer" },
  { org: "ntt", role: "partner" },
  { org: "kami", role: "partner" },
];

export const WORKSHOP_SPEAKERS: DemoSpeaker[] = [
  {
    key: "ding",
    name: "Ding Ming Chee",
    position_vi: "Tổng Giám đốc phát triển kinh doanh khu vực Nam Á - Thái Bình Dương, Dassault Systèmes",
    position_en: "General Manager, Business Development, South Asia-Pacific, Dassault Systèmes",
    org: "dassault-systemes",
    bio_vi: "Giới thiệu lộ trình áp dụng DELMIA và ENOVIA cho doanh nghiệp sản xuất.",
    bio_en: "Introduces a path for manufacturers to adopt DELMIA and ENOVIA.",
  },
  {
    key: "trainer",
    name: "Trần Thị Mai",
    position_vi: "Kỹ sư ứng dụng (dữ liệu mẫu)",
    position_en: "Application engineer (sample data)",
    org: "dassault-systemes",
    bio_vi: "Hướng dẫn thực hành mô phỏng dây chuyền và quản lý dữ liệu sản phẩm.",
    bio_en: "Leads the hands-on session on line simulation and product data management.",
  },
];

export const WORKSHOP_AGENDA: DemoAgendaItem[] = [
  { start: "08:30", end: "09:00", kind: "talk", room: "Phòng Lab 1", title_vi: "Tổng quan DELMIA và ENOVIA", title_en: "DELMIA and ENOVIA at a glance", speakers: ["ding"] },
  {
    start: "09:00",
    end: "11:30",
    kind: "demo",
    room: "Phòng Lab 1",
    title_vi: "Thực hành: mô phỏng và tối ưu hóa một dây chuyền lắp ráp",
    title_en: "Hands-on: simulating and optimising an assembly line",
    speakers: ["trainer"],
  },
  { start: "11:30", end: "13:00", kind: "break", room: "Phòng Lab 1", title_vi: "Nghỉ trưa", title_en: "Lunch break", speakers: [] },
  {
    start: "13:00",
    end: "15:30",
    kind: "demo",
    room: "Phòng Lab 1",
    title_vi: "Thực hành: quản lý dữ liệu sản phẩm và chuỗi cung ứng với ENOVIA",
    title_en: "Hands-on: product data and supply-chain management with ENOVIA",
    speakers: ["trainer"],
  },
  {
    start: "15:30",
    end: "16:30",
    kind: "panel",
    room: "Phòng Lab 1",
    title_vi: "Hỏi đáp và lộ trình triển khai cho doanh nghiệp",
    title_en: "Questions and an adoption roadmap for companies",
    speakers: ["ding", "trainer"],
  },
];

export type DemoClause = { heading_vi: string; heading_en: string; body_vi: string; body_en: string };

export const FORUM_MOU_CLAUSES: DemoClause[] = [
  {
    heading_vi: "Mục đích",
    heading_en: "Purpose",
    body_vi:
      "Các Bên thiết lập quan hệ hợp tác lâu dài về pháp lý, kỹ thuật và phát triển kinh tế số địa phương gắn với chuỗi cung ứng công nghệ cao tại tỉnh Vĩnh Phúc.",
    body_en:
      "The Parties establish long-term cooperation on legal, technical and local digital-economy development tied to high-tech supply chains in Vĩnh Phúc province.",
  },
  {
    heading_vi: "Phạm vi hợp tác",
    heading_en: "Scope",
    body_vi:
      "Ứng dụng DELMIA và ENOVIA để mô phỏng, lập kế hoạch và tối ưu hóa quy trình sản xuất; đào tạo nguồn nhân lực; triển khai hệ thống thực thi sản xuất (MES) và IoT tại nhà máy.",
    body_en:
      "Applying DELMIA and ENOVIA to simulate, plan and optimise production; training people; deploying manufacturing execution systems (MES) and IoT in factories.",
  },
  {
    heading_vi: "Trách nhiệm của các Bên",
    heading_en: "Responsibilities",
    body_vi:
      "Mỗi Bên thực hiện các cam kết nêu tại Phụ lục cam kết và báo cáo tiến độ định kỳ trên Cổng Đổi mới sáng tạo.",
    body_en: "Each Party carries out the commitments in the commitments annex and reports progress regularly on the portal.",
  },
  {
    heading_vi: "Hiệu lực",
    heading_en: "Term",
    body_vi: "Biên bản ghi nhớ có hiệu lực 03 năm kể từ ngày ký và có thể được gia hạn theo thỏa thuận của các Bên.",
    body_en: "This memorandum is effective for three years from signature and may be extended by agreement of the Parties.",
  },
];

export const TRAINING_MOU_CLAUSES: DemoClause[] = [
  {
    heading_vi: "Mục đích",
    heading_en: "Purpose",
    body_vi: "Thành lập Trung tâm đào tạo thực hành DELMIA và ENOVIA tại Vĩnh Phúc cho kỹ sư của các doanh nghiệp trong tỉnh.",
    body_en: "Set up a hands-on DELMIA and ENOVIA training centre in Vĩnh Phúc for engineers of the province's companies.",
  },
  {
    heading_vi: "Đóng góp của các Bên",
    heading_en: "Contributions",
    body_vi: "Dassault Systèmes cung cấp giấy phép phần mềm và giảng viên; Kami cung cấp mặt bằng, thiết bị và điều phối học viên.",
    body_en: "Dassault Systèmes provides software licences and trainers; Kami provides the premises, equipment and coordination of trainees.",
  },
];

export const NTT_MOU_CLAUSES: DemoClause[] = [
  {
    heading_vi: "Mục đích",
    heading_en: "Purpose",
    body_vi: "Thí điểm hệ thống MES và cảm biến IoT trên hai dây chuyền sản xuất linh kiện điện tử.",
    body_en: "Pilot an MES and IoT sensors on two electronic-component production lines.",
  },
];
