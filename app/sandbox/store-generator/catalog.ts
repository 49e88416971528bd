// Vocabulary for generated stores. Places carry Shopify's country and province codes so
// location filters (customer_countries, customer_regions, customer_cities) have real values.

export const FIRST_NAMES = [
  "Ava",
  "Liam",
  "Olivia",
  "Noah",
  "Emma",
  "Oliver",
  "Sophia",
  "Elijah",
  "Mia",
  "Lucas",
  "Amelia",
  "Mateo",
  "Harper",
  "Levi",
  "Evelyn",
  "Kai",
  "Aria",
  "Ezra",
  "Luna",
  "Leo",
  "Chloé",
  "Hugo",
  "Priya",
  "Arjun",
  "Yuki",
  "Hana",
  "Sofía",
  "Diego",
  "Fatima",
  "Omar",
  "Ingrid",
  "Lars",
] as const;

export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Martinez",
  "Lopez",
  "Wilson",
  "Anderson",
  "Taylor",
  "Thomas",
  "Moore",
  "Martin",
  "Lee",
  "Thompson",
  "Nguyen",
  "Patel",
  "Kim",
  "Dubois",
  "Müller",
  "Rossi",
  "Sato",
  "Larsen",
  "O'Brien",
] as const;

export const EMAIL_DOMAINS = [
  ["gmail.com", 45],
  ["yahoo.com", 12],
  ["outlook.com", 10],
  ["icloud.com", 10],
  ["hotmail.com", 6],
  ["proton.me", 3],
  ["aol.com", 2],
  ["fastmail.com", 2],
  ["example.org", 1],
] as const;

export interface Place {
  country: string;
  province: string | null;
  city: string;
  zip: string;
  /** National dialling prefix used to make plausible phone numbers. */
  phone: { cc: string; area: string[] };
  locale: string;
}

export const PLACES: readonly (readonly [Place, number])[] = [
  [{ country: "US", province: "CA", city: "Los Angeles", zip: "90012", phone: { cc: "1", area: ["213", "323"] }, locale: "en" }, 9],
  [{ country: "US", province: "NY", city: "New York", zip: "10001", phone: { cc: "1", area: ["212", "646"] }, locale: "en" }, 9],
  [{ country: "US", province: "TX", city: "Austin", zip: "78701", phone: { cc: "1", area: ["512", "737"] }, locale: "en" }, 6],
  [{ country: "US", province: "FL", city: "Miami", zip: "33101", phone: { cc: "1", area: ["305", "786"] }, locale: "en" }, 5],
  [{ country: "US", province: "CT", city: "Hartford", zip: "06103", phone: { cc: "1", area: ["860"] }, locale: "en" }, 2],
  [{ country: "US", province: "WA", city: "Seattle", zip: "98101", phone: { cc: "1", area: ["206"] }, locale: "en" }, 4],
  [{ country: "US", province: "IL", city: "Chicago", zip: "60601", phone: { cc: "1", area: ["312", "773"] }, locale: "en" }, 4],
  [{ country: "CA", province: "ON", city: "Toronto", zip: "M5H 2N2", phone: { cc: "1", area: ["416", "647"] }, locale: "en" }, 5],
  [{ country: "CA", province: "QC", city: "Montréal", zip: "H2Y 1C6", phone: { cc: "1", area: ["514"] }, locale: "fr" }, 3],
  [{ country: "GB", province: "ENG", city: "London", zip: "SW1A 1AA", phone: { cc: "44", area: ["7700"] }, locale: "en" }, 6],
  [{ country: "DE", province: "BE", city: "Berlin", zip: "10115", phone: { cc: "49", area: ["151"] }, locale: "de" }, 3],
  [{ country: "FR", province: null, city: "Paris", zip: "75001", phone: { cc: "33", area: ["6"] }, locale: "fr" }, 3],
  [{ country: "AU", province: "NSW", city: "Sydney", zip: "2000", phone: { cc: "61", area: ["4"] }, locale: "en" }, 3],
  [{ country: "JP", province: "JP-13", city: "Tokyo", zip: "100-0001", phone: { cc: "81", area: ["90"] }, locale: "ja" }, 1],
];

export const TAGS = ["vip", "wholesale", "newsletter", "dog-owner", "cat-owner", "local", "returning", "influencer", "gift-buyer"] as const;

export const PRODUCT_FAMILIES = [
  {
    collection: "Dog Treats",
    items: ["Peanut Butter Biscuits", "Salmon Bites", "Chicken Jerky", "Sweet Potato Chews", "Training Treats"],
    price: [599, 1899],
  },
  {
    collection: "Cat Care",
    items: ["Catnip Mice", "Scratching Post", "Salmon Pâté", "Feather Wand", "Litter Deodoriser"],
    price: [499, 4999],
  },
  { collection: "Beds & Blankets", items: ["Orthopedic Bed", "Fleece Blanket", "Donut Cushion", "Travel Mat"], price: [2499, 12999] },
  { collection: "Walk & Play", items: ["Rope Toy", "Reflective Leash", "Harness", "Ball Launcher", "Poop Bags"], price: [399, 5999] },
  { collection: "Grooming", items: ["Oatmeal Shampoo", "Slicker Brush", "Nail Clippers", "Paw Balm"], price: [699, 2999] },
] as const;
