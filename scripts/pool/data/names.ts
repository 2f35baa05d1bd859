/**
 * Common first and last names per country (ISO 3166-1 alpha-2, as in places.ts) for the
 * generated pool (SPEC §2.3). `neutral` are names used for any gender there (may be short);
 * `lastFemale`, where present, is the feminine form of `last`, index by index (Greek, Polish,
 * Czech surnames).
 */

export interface NameSet {
  male: readonly string[];
  female: readonly string[];
  neutral: readonly string[];
  last: readonly string[];
  lastFemale?: readonly string[];
}

const list = (s: string): string[] => s.split(',').map((x) => x.trim()).filter((x) => x !== '');

function names(male: string, female: string, neutral: string, last: string, lastFemale?: string): NameSet {
  const set: NameSet = { male: list(male), female: list(female), neutral: list(neutral), last: list(last) };
  if (lastFemale !== undefined) {
    const lf = list(lastFemale);
    if (lf.length !== set.last.length) throw new Error('lastFemale must match last, index by index');
    set.lastFemale = lf;
  }
  return set;
}

export const NAMES: Readonly<Record<string, NameSet>> = {
  DE: names(
    'Lukas, Jonas, Leon, Felix, Maximilian, Paul, Niklas, Tim, Jan, Moritz, Florian, Tobias, Sebastian, Matthias, Stefan, Andreas, Thomas, Michael, Christian, Markus',
    'Anna, Lena, Laura, Julia, Sarah, Lea, Hannah, Sophie, Katharina, Johanna, Marie, Clara, Miriam, Sabine, Claudia, Nicole, Stefanie, Franziska, Carolin, Theresa',
    'Alex, Kim, Robin, Toni, Sascha, Luca, Charlie',
    'Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Koch, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Krüger, Hartmann, Lange, Werner, Krause, Vogel',
  ),
  FR: names(
    'Lucas, Hugo, Louis, Gabriel, Arthur, Jules, Mathis, Théo, Nicolas, Julien, Antoine, Maxime, Pierre, Thomas, Guillaume, Romain, Olivier, Benoît',
    'Camille, Léa, Chloé, Manon, Emma, Inès, Juliette, Louise, Sarah, Mathilde, Élodie, Claire, Aurélie, Céline, Margaux, Pauline, Amélie, Sophie',
    'Camille, Dominique, Claude, Alix, Sacha, Morgan, Charlie',
    'Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, Lefebvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, Girard, Bonnet, Lambert, Fontaine',
  ),
  ES: names(
    'Hugo, Martín, Lucas, Daniel, Pablo, Alejandro, Álvaro, Adrián, David, Javier, Sergio, Carlos, Jorge, Diego, Manuel, Raúl, Iván, Marcos',
    'Lucía, Sofía, Martina, María, Paula, Julia, Carmen, Laura, Marta, Elena, Cristina, Ana, Irene, Alba, Nerea, Sara, Andrea, Nuria',
    'Alex, Noa, Ariel, Dani, Cruz',
    'García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez, Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Álvarez, Muñoz, Romero, Navarro, Torres, Domínguez, Gil, Vázquez, Serrano',
  ),
  IT: names(
    'Francesco, Alessandro, Lorenzo, Matteo, Leonardo, Marco, Luca, Giuseppe, Davide, Simone, Federico, Riccardo, Stefano, Andrea, Giovanni, Paolo, Tommaso, Filippo',
    'Giulia, Sofia, Aurora, Alice, Chiara, Francesca, Martina, Sara, Elisa, Valentina, Federica, Alessia, Silvia, Beatrice, Elena, Giorgia, Camilla, Marta',
    'Andrea, Celeste, Fede',
    'Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Costa, Giordano, Mancini, Rizzo, Lombardi, Moretti, Barbieri, Fontana',
  ),
  NL: names(
    'Daan, Sem, Lucas, Levi, Finn, Bram, Thijs, Jesse, Ruben, Lars, Niels, Joris, Pieter, Sander, Wouter, Koen, Bas, Stijn',
    'Emma, Julia, Sophie, Tess, Anna, Fenna, Lotte, Sanne, Eva, Iris, Femke, Anouk, Lisa, Marieke, Roos, Noor, Esmee, Fleur',
    'Kim, Sam, Robin, Charlie, Jip, Sasha',
    'de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer',
  ),
  PT: names(
    'João, Rodrigo, Francisco, Martim, Santiago, Tomás, Afonso, Duarte, Miguel, Pedro, Tiago, Rui, Nuno, Diogo, Gonçalo, André, Ricardo, Bruno',
    'Maria, Leonor, Matilde, Beatriz, Carolina, Mariana, Ana, Inês, Sofia, Catarina, Joana, Rita, Marta, Sara, Filipa, Teresa, Raquel, Daniela',
    'Alex, Dani, Cris, Noa',
    'Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, Fernandes, Gonçalves, Gomes, Lopes, Marques, Alves, Almeida, Ribeiro, Pinto, Carvalho, Teixeira, Moreira',
  ),
  GR: names(
    'Georgios, Dimitrios, Konstantinos, Ioannis, Nikolaos, Panagiotis, Christos, Vasileios, Athanasios, Alexandros, Michail, Evangelos, Spyridon, Stavros',
    'Maria, Eleni, Aikaterini, Vasiliki, Sofia, Angeliki, Georgia, Dimitra, Konstantina, Paraskevi, Christina, Ioanna, Despoina, Anastasia',
    'Alex, Niki',
    'Papadopoulos, Papadakis, Georgiou, Oikonomou, Vasileiou, Nikolaou, Karagiannis, Papanikolaou, Dimitriou, Ioannou, Konstantinou, Pappas, Makris, Antoniou, Christodoulou, Alexiou',
    'Papadopoulou, Papadaki, Georgiou, Oikonomou, Vasileiou, Nikolaou, Karagianni, Papanikolaou, Dimitriou, Ioannou, Konstantinou, Pappa, Makri, Antoniou, Christodoulou, Alexiou',
  ),
  AT: names(
    'Lukas, Tobias, David, Jakob, Maximilian, Elias, Florian, Simon, Fabian, Julian, Stefan, Christoph, Andreas, Markus, Wolfgang, Matthias',
    'Anna, Sarah, Lena, Laura, Katharina, Hannah, Sophie, Julia, Lisa, Magdalena, Theresa, Verena, Barbara, Elisabeth, Johanna, Christina',
    'Alex, Kim, Robin, Toni, Sascha',
    'Gruber, Huber, Bauer, Wagner, Müller, Pichler, Steiner, Moser, Mayer, Hofer, Leitner, Berger, Fuchs, Eder, Fischer, Schmid, Winkler, Weber, Schwarz, Maier',
  ),
  CH: names(
    'Noah, Luca, Leon, Matteo, Elias, David, Nico, Samuel, Lukas, Daniel, Reto, Urs, Jürg, Marco, Patrick, Thomas, Adrian, Simon',
    'Mia, Emma, Lina, Sofia, Lea, Laura, Anna, Nina, Sarah, Céline, Chiara, Fabienne, Corinne, Sandra, Nadine, Martina, Seraina, Andrea',
    'Andrea, Kim, Robin, Sascha, Alex',
    'Müller, Meier, Schmid, Keller, Weber, Huber, Schneider, Meyer, Steiner, Fischer, Gerber, Brunner, Baumann, Frei, Zimmermann, Moser, Widmer, Rossi, Favre, Bonvin',
  ),
  GB: names(
    'Oliver, George, Harry, Jack, Jacob, Charlie, Thomas, James, William, Oscar, Alfie, Henry, Joshua, Daniel, Samuel, Matthew, Benjamin, Callum, Owen, Rhys',
    'Olivia, Amelia, Isla, Ava, Emily, Sophie, Grace, Lily, Freya, Chloe, Ellie, Hannah, Jessica, Charlotte, Lucy, Megan, Eleanor, Niamh',
    'Alex, Sam, Charlie, Jamie, Jordan, Robin, Frankie, Rowan',
    'Smith, Jones, Taylor, Williams, Wilson, Johnson, Davies, Robinson, Wright, Thompson, Evans, Roberts, Jackson, Clarke, Patel, Hughes, Edwards, Khan, Harris, Cooper, Ward, Turner, Morris, Lewis',
  ),
  IE: names(
    'Jack, James, Noah, Conor, Seán, Darragh, Cian, Oisín, Liam, Patrick, Ciarán, Eoin, Fionn, Cillian, Donal, Niall',
    'Emily, Grace, Fiadh, Sophie, Aoife, Saoirse, Ciara, Niamh, Róisín, Siobhán, Sinéad, Orla, Clodagh, Aisling, Caoimhe, Éabha',
    'Alex, Jamie, Sam, Shannon',
    "Murphy, Kelly, O'Sullivan, Walsh, Byrne, Ryan, O'Brien, O'Connor, O'Neill, O'Reilly, Doyle, McCarthy, Gallagher, Doherty, Kennedy, Lynch, Murray, Quinn, Moore, Fitzgerald",
  ),
  SE: names(
    'William, Liam, Noah, Hugo, Lucas, Oscar, Elias, Erik, Lars, Anders, Johan, Karl, Nils, Axel, Gustav, Magnus, Henrik, Olof',
    'Alice, Maja, Elsa, Astrid, Wilma, Freja, Ebba, Saga, Linnea, Ingrid, Karin, Sara, Emma, Johanna, Malin, Frida, Sofia, Klara',
    'Kim, Alex, Robin, Mika, Charlie',
    'Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson, Gustafsson, Pettersson, Jonsson, Jansson, Hansson, Bengtsson, Lindberg, Lindström, Lindqvist, Sjöberg, Holm',
  ),
  NO: names(
    'Jakob, Emil, Noah, Oliver, Filip, William, Lucas, Henrik, Magnus, Ole, Lars, Knut, Sindre, Eirik, Håkon, Sigurd, Tobias, Aksel',
    'Nora, Emma, Olivia, Ella, Sofie, Ingrid, Astrid, Maja, Sara, Ida, Kari, Silje, Marte, Tuva, Thea, Hedda, Ragnhild, Solveig',
    'Kim, Robin, Alex',
    'Hansen, Johansen, Olsen, Larsen, Andersen, Pedersen, Nilsen, Kristiansen, Jensen, Karlsen, Johnsen, Pettersen, Eriksen, Berg, Haugen, Hagen, Johannessen, Andreassen, Jacobsen, Dahl',
  ),
  DK: names(
    'William, Noah, Oscar, Lucas, Carl, Malthe, Emil, Magnus, Frederik, Mads, Rasmus, Mikkel, Søren, Jens, Anders, Christian',
    'Emma, Ida, Clara, Freja, Alma, Ella, Sofie, Anna, Laura, Mette, Camilla, Louise, Line, Maja, Signe, Karen',
    'Kim, Robin, Alex, Charlie',
    'Nielsen, Jensen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen, Rasmussen, Jørgensen, Petersen, Madsen, Kristensen, Olsen, Thomsen, Poulsen, Johansen, Møller, Mortensen',
  ),
  PL: names(
    'Jakub, Kacper, Antoni, Szymon, Jan, Filip, Franciszek, Mateusz, Piotr, Krzysztof, Tomasz, Paweł, Marcin, Michał, Łukasz, Adam, Bartosz, Wojciech',
    'Zuzanna, Julia, Maja, Zofia, Hanna, Lena, Alicja, Maria, Anna, Katarzyna, Agnieszka, Magdalena, Joanna, Aleksandra, Monika, Karolina, Natalia, Ewa',
    'Alex, Kim',
    'Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, Kwiatkowski, Krawczyk, Piotrowski, Grabowski',
    'Nowak, Kowalska, Wiśniewska, Wójcik, Kowalczyk, Kamińska, Lewandowska, Zielińska, Szymańska, Woźniak, Dąbrowska, Kozłowska, Jankowska, Mazur, Kwiatkowska, Krawczyk, Piotrowska, Grabowska',
  ),
  CZ: names(
    'Jakub, Jan, Tomáš, Adam, Matyáš, Vojtěch, Ondřej, Lukáš, Petr, Martin, Jiří, Pavel, Josef, David, Filip, Michal',
    'Eliška, Tereza, Anna, Adéla, Natálie, Karolína, Kateřina, Lucie, Veronika, Petra, Jana, Markéta, Barbora, Klára, Zuzana, Hana',
    'Alex, Saša, Kim',
    'Novák, Svoboda, Novotný, Dvořák, Černý, Procházka, Kučera, Veselý, Horák, Němec, Pokorný, Marek, Pospíšil, Hájek, Král, Jelínek',
    'Nováková, Svobodová, Novotná, Dvořáková, Černá, Procházková, Kučerová, Veselá, Horáková, Němcová, Pokorná, Marková, Pospíšilová, Hájková, Králová, Jelínková',
  ),
  HU: names(
    'Bence, Máté, Levente, Dávid, Balázs, Dániel, Ádám, Péter, László, Zoltán, Gábor, Tamás, Attila, Márton, Zsolt, András',
    'Hanna, Anna, Zoé, Léna, Luca, Emma, Boglárka, Eszter, Katalin, Zsófia, Réka, Dóra, Nóra, Petra, Krisztina, Orsolya',
    'Alex, Niki, Kim',
    'Nagy, Kovács, Tóth, Szabó, Horváth, Varga, Kiss, Molnár, Németh, Farkas, Balogh, Papp, Takács, Juhász, Lakatos, Mészáros, Oláh, Simon',
  ),
  RO: names(
    'Andrei, Alexandru, David, Ștefan, Mihai, Ionuț, Gabriel, Cristian, Bogdan, Florin, Adrian, Vlad, Radu, Matei, Darius, Sorin',
    'Maria, Ioana, Andreea, Elena, Alexandra, Ana, Cristina, Mihaela, Gabriela, Daniela, Irina, Bianca, Raluca, Alina, Sofia, Diana',
    'Alex, Dani',
    'Popescu, Ionescu, Popa, Pop, Radu, Dumitru, Stan, Stoica, Gheorghe, Matei, Ciobanu, Rusu, Munteanu, Constantin, Marin, Dinu, Florea, Tudor',
  ),
  TR: names(
    'Yusuf, Mehmet, Mustafa, Ahmet, Ali, Emir, Eymen, Ömer, Burak, Emre, Can, Mert, Kerem, Murat, Hakan, Serkan, Oğuz, Barış',
    'Zeynep, Elif, Defne, Eylül, Ayşe, Fatma, Emine, Merve, Büşra, Esra, Ece, Selin, Gizem, Derya, Melis, Aslı, İrem, Ceren',
    'Deniz, Evren, Umut',
    'Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek',
  ),
  US: names(
    'Liam, Noah, Oliver, James, Elijah, William, Benjamin, Lucas, Henry, Michael, Ethan, Daniel, Matthew, Andrew, Joseph, Christopher, Tyler, Brandon, Marcus, Jose, Kevin, Anthony',
    'Olivia, Emma, Charlotte, Amelia, Sophia, Mia, Isabella, Ava, Evelyn, Harper, Emily, Madison, Abigail, Ashley, Jessica, Samantha, Brianna, Jasmine, Maria, Kayla',
    'Jordan, Taylor, Alex, Riley, Casey, Morgan, Avery, Quinn, Jamie, Cameron, Skyler, Dakota, Rowan, Peyton',
    'Smith, Johnson, Williams, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Hernandez, Lopez, Gonzalez, Wilson, Anderson, Thomas, Taylor, Moore, Jackson, Martin, Lee, Perez, Thompson, Harris, Sanchez, Clark, Ramirez, Lewis, Robinson, Nguyen, Kim',
  ),
  CA: names(
    'Liam, Noah, William, Benjamin, Lucas, Thomas, Jacob, Logan, Nathan, Félix, Samuel, Gabriel, Ethan, Owen, Mathieu, Alexandre',
    'Olivia, Emma, Charlotte, Chloé, Alice, Sophia, Léa, Emily, Ava, Florence, Rosalie, Sarah, Megan, Jessica, Maude, Gabrielle',
    'Alex, Jordan, Taylor, Riley, Morgan, Casey, Dominique',
    'Smith, Tremblay, Martin, Roy, Wilson, MacDonald, Gagnon, Johnson, Taylor, Côté, Campbell, Anderson, Leblanc, Lee, Bouchard, Gauthier, Morin, Lavoie, Fortin, Singh, Chen',
  ),
  MX: names(
    'Santiago, Mateo, Sebastián, Leonardo, Diego, Emiliano, José, Luis, Juan, Carlos, Miguel, Alejandro, Jorge, Fernando, Ricardo, Eduardo, Arturo, Rodrigo',
    'Sofía, Valentina, Regina, Camila, Ximena, María, Guadalupe, Fernanda, Daniela, Andrea, Mariana, Gabriela, Paola, Alejandra, Itzel, Renata, Lucía, Natalia',
    'Ariel, Cruz, Alex, Dani',
    'Hernández, García, Martínez, López, González, Pérez, Rodríguez, Sánchez, Ramírez, Cruz, Flores, Gómez, Morales, Vázquez, Reyes, Jiménez, Torres, Díaz, Gutiérrez, Ruiz, Mendoza, Aguilar',
  ),
  BR: names(
    'Miguel, Arthur, Heitor, Bernardo, Davi, Gabriel, Pedro, Lucas, Matheus, Rafael, Gustavo, Felipe, Bruno, Thiago, Rodrigo, Leonardo, Vinícius, Caio',
    'Helena, Alice, Laura, Maria, Valentina, Heloísa, Manuela, Júlia, Beatriz, Ana, Mariana, Larissa, Camila, Fernanda, Letícia, Bruna, Amanda, Gabriela',
    'Alex, Dani, Cris, Ariel',
    'Silva, Santos, Oliveira, Souza, Rodrigues, Ferreira, Alves, Pereira, Lima, Gomes, Costa, Ribeiro, Martins, Carvalho, Almeida, Lopes, Soares, Fernandes, Vieira, Barbosa, Rocha, Dias',
  ),
  AR: names(
    'Santiago, Mateo, Bautista, Benjamín, Joaquín, Thiago, Lautaro, Tomás, Facundo, Matías, Nicolás, Agustín, Martín, Gonzalo, Federico, Juan Pablo',
    'Sofía, Martina, Isabella, Emma, Catalina, Valentina, Delfina, Camila, Florencia, Agustina, Micaela, Lucía, Julieta, Rocío, Milagros, Carolina',
    'Alex, Ariel, Dani, Cruz',
    'González, Rodríguez, Gómez, Fernández, López, Díaz, Martínez, Pérez, García, Sánchez, Romero, Sosa, Álvarez, Torres, Ruiz, Ramírez, Flores, Benítez, Acosta, Medina',
  ),
  CO: names(
    'Santiago, Samuel, Matías, Sebastián, Alejandro, Nicolás, Juan, Andrés, Felipe, Camilo, Julián, Daniel, David, Esteban, Carlos, Mauricio',
    'Salomé, Mariana, Valentina, Isabella, Sara, Gabriela, Luciana, Daniela, Laura, Natalia, Paula, Juliana, Carolina, Manuela, Catalina, Ana',
    'Alex, Ariel, Dani',
    'Rodríguez, Gómez, González, Martínez, García, López, Hernández, Sánchez, Ramírez, Pérez, Díaz, Muñoz, Rojas, Moreno, Jiménez, Vargas, Castro, Ortiz, Restrepo, Ospina',
  ),
  PE: names(
    'Mateo, Santiago, Thiago, Sebastián, Gael, Luis, Jorge, Carlos, José, Miguel, Renzo, Diego, Álvaro, Piero, César, Raúl',
    'Valentina, Camila, Ariana, Luciana, Fernanda, Andrea, Milagros, Rosa, María, Carmen, Ximena, Alessandra, Gabriela, Daniela, Claudia, Fiorella',
    'Alex, Ariel, Dani',
    'Quispe, Flores, Sánchez, Rodríguez, García, Rojas, Huamán, Mamani, Chávez, Vásquez, Ramírez, Torres, Mendoza, Castillo, Díaz, Gutiérrez, Ramos, Vargas',
  ),
  JP: names(
    'Haruto, Minato, Sota, Yuto, Ren, Hiroshi, Takashi, Kenji, Daiki, Shota, Ryo, Kazuki, Takumi, Kenta, Naoki, Sho, Riku, Daisuke',
    'Himari, Yui, Aoi, Sakura, Yuna, Hina, Mei, Yuka, Ayaka, Misaki, Haruka, Nanami, Emi, Keiko, Mai, Rina, Saki, Yoko',
    'Yuki, Hikaru, Makoto, Akira, Nao, Kaoru, Tsubasa',
    'Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato, Yoshida, Yamada, Sasaki, Yamaguchi, Matsumoto, Inoue, Kimura, Hayashi, Shimizu, Mori',
  ),
  KR: names(
    'Min-jun, Seo-jun, Do-yun, Ji-ho, Joon-young, Hyun-woo, Ji-hoon, Sung-min, Dong-hyun, Jae-won, Tae-yang, Woo-jin, Sang-hoon, Young-ho',
    'Seo-yeon, Ji-woo, Seo-yun, Ha-eun, Min-seo, Ji-yu, Soo-ah, Ye-jin, Hye-jin, Eun-ji, Su-bin, Yoon-ah, Da-eun, Na-yeon',
    'Ji-min, Ha-neul, Jin, Yoon',
    'Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Seo, Shin, Kwon, Hwang, Ahn, Jeon, Moon',
  ),
  CN: names(
    'Wei, Hao, Jun, Lei, Yang, Jie, Tao, Ming, Chao, Peng, Qiang, Zihan, Haoran, Yuxuan, Zhiwei, Jian, Kai, Bo',
    'Fang, Xiu, Li, Jing, Ying, Mei, Yan, Lan, Xiaoling, Yuting, Jiayi, Xinyi, Ziyi, Shu, Hui, Ting, Qian, Na',
    'Yu, Xin, Ning, Yi, Lin',
    'Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Zhu, Hu, Guo, Lin, Luo, Gao, Ma, Zheng, Liang',
  ),
  IN: names(
    'Aarav, Vivaan, Aditya, Arjun, Rohan, Rahul, Vikram, Karan, Siddharth, Aniket, Rajesh, Amit, Suresh, Pranav, Ishaan, Harsh, Nikhil, Sanjay, Arun, Kabir',
    'Aadhya, Ananya, Diya, Saanvi, Priya, Neha, Pooja, Anjali, Kavya, Isha, Shreya, Sneha, Divya, Meera, Lakshmi, Riya, Nisha, Aditi, Sunita, Deepika',
    'Kiran, Jyoti, Arya',
    'Sharma, Verma, Patel, Gupta, Singh, Kumar, Reddy, Nair, Iyer, Rao, Joshi, Mehta, Shah, Das, Chatterjee, Banerjee, Mukherjee, Pillai, Menon, Desai, Kapoor, Malhotra, Bose, Agarwal',
  ),
  ID: names(
    'Budi, Agus, Adi, Rizky, Dimas, Fajar, Ahmad, Bayu, Andi, Eko, Hendra, Arief, Rudi, Wahyu, Bambang, Dedi, Putra, Irfan',
    'Siti, Dewi, Sri, Putri, Ayu, Rina, Nur, Indah, Fitri, Wulan, Ratna, Lestari, Intan, Maya, Nadia, Citra, Ani, Sari',
    'Dian, Eka, Dwi, Tri',
    'Santoso, Wijaya, Saputra, Hidayat, Kusuma, Pratama, Setiawan, Nugroho, Susanto, Halim, Gunawan, Utomo, Siregar, Nasution, Simanjuntak, Lubis, Wibowo, Hakim',
  ),
  VN: names(
    'Minh, Huy, Khang, Bảo, Phúc, Đức, Hoàng, Nam, Quang, Tuấn, Thành, Hùng, Dũng, Hiếu, Trung, Khoa',
    'Linh, Ngọc, Hương, Lan, Mai, Trang, Thảo, Hà, Vy, Nhi, Hoa, Thư, Phương, Quỳnh, Yến, Hằng',
    'Anh, Khánh, Tú, Bình',
    'Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương, Lý',
  ),
  TH: names(
    'Somchai, Somsak, Anan, Kittisak, Chaiwat, Thanawat, Natthapong, Prasert, Wichai, Surachai, Sompong, Nattawut, Arthit, Pichit, Krit, Phuwadon',
    'Siriporn, Ploy, Malee, Kanya, Suda, Nok, Ratana, Pimchanok, Wanida, Kannika, Supaporn, Chanida, Apinya, Naree, Jintana, Orathai',
    'Tae, Nat, Pang',
    'Saetang, Srisuk, Wongsawat, Chaiyaporn, Rattanakorn, Suwannarat, Thongchai, Boonmee, Kaewkan, Phrommin, Charoensuk, Sukprasert, Intharasuk, Siriwat, Jaidee, Srisawat',
  ),
  PH: names(
    'Jose, Juan, Mark, John Paul, Angelo, Carlo, Miguel, Paolo, Rafael, Jerome, Kenneth, Joshua, Gabriel, Adrian, Ramon, Jericho',
    'Maria, Kristine, Jasmine, Mary Grace, Andrea, Nicole, Camille, Patricia, Bea, Liza, Rowena, Maricel, Rosario, Aileen, Katrina, Bianca',
    'Alex, Cris, Jess',
    'Santos, Reyes, Cruz, Bautista, Ocampo, Garcia, Mendoza, Torres, Tomas, Andrada, Castillo, Flores, Villanueva, Ramos, Castro, Rivera, Aquino, Navarro, Dela Cruz, Gonzales',
  ),
  IR: names(
    'Ali, Mohammad, Reza, Amir, Hossein, Mehdi, Arash, Babak, Dariush, Kian, Parsa, Sina, Omid, Farhad, Kourosh, Pouya',
    'Fatemeh, Zahra, Maryam, Sara, Niloufar, Shirin, Parisa, Mahsa, Leila, Roya, Nazanin, Yasaman, Setareh, Bahar, Golnaz, Ladan',
    'Roshan, Azar',
    'Mohammadi, Hosseini, Ahmadi, Rezaei, Moradi, Karimi, Jafari, Rahimi, Sadeghi, Hashemi, Mousavi, Ghasemi, Kazemi, Ebrahimi, Tehrani, Shirazi, Azizi, Farahani',
  ),
  PK: names(
    'Muhammad, Ahmed, Ali, Hassan, Usman, Bilal, Hamza, Imran, Faisal, Zain, Omar, Saad, Kamran, Asad, Farhan, Waqar',
    'Ayesha, Fatima, Zainab, Maryam, Hira, Sana, Amna, Mahnoor, Iqra, Sadia, Rabia, Mehwish, Saba, Aiman, Khadija, Sidra',
    'Noor',
    'Khan, Ahmed, Malik, Hussain, Butt, Qureshi, Chaudhry, Sheikh, Raza, Siddiqui, Iqbal, Shah, Mirza, Akhtar, Baig, Javed, Abbasi, Awan',
  ),
  IL: names(
    'David, Yosef, Noam, Itai, Omer, Yonatan, Daniel, Eitan, Amit, Uri, Ido, Avi, Moshe, Yair, Erez, Oren',
    'Noa, Tamar, Maya, Shira, Yael, Michal, Talia, Hila, Efrat, Rivka, Liat, Neta, Avigail, Sarit, Dana, Yarden',
    'Ariel, Lior, Adi, Roni, Shai, Tal',
    'Cohen, Levi, Mizrahi, Peretz, Biton, Dahan, Avraham, Friedman, Azoulay, Katz, Malka, Ohana, Shapiro, Levy, Goldberg, Ben-David, Amar, Ashkenazi',
  ),
  EG: names(
    'Mohamed, Ahmed, Mahmoud, Mostafa, Omar, Youssef, Karim, Amr, Hassan, Ali, Tarek, Khaled, Mina, Hany, Sherif, Ibrahim',
    'Nour, Mariam, Salma, Habiba, Fatma, Aya, Yasmin, Hana, Dina, Rana, Heba, Mona, Sara, Reem, Nada, Laila',
    'Nour, Shams',
    'Mohamed, Ahmed, Hassan, Ali, Ibrahim, Mahmoud, Mostafa, Abdelrahman, Saleh, Farouk, Soliman, Youssef, Kamel, Gamal, Fahmy, Naguib, Shawky, Zaki',
  ),
  MA: names(
    'Mohammed, Youssef, Amine, Hamza, Mehdi, Omar, Ayoub, Anas, Rachid, Karim, Yassine, Adam, Othmane, Ilyas, Hicham, Reda',
    'Fatima, Khadija, Salma, Imane, Meryem, Zineb, Hajar, Sara, Yasmine, Nadia, Houda, Soukaina, Ghita, Kenza, Aicha, Oumaima',
    'Nour',
    'Alaoui, Bennani, Idrissi, El Amrani, Tazi, Berrada, Chraibi, Benali, Ouazzani, Fassi, El Mansouri, Lahlou, Benjelloun, Amrani, Ziani, Haddad',
  ),
  NG: names(
    'Chinedu, Emeka, Oluwaseun, Tunde, Adebayo, Ibrahim, Musa, Chukwudi, Obinna, Femi, Segun, Kelechi, Babatunde, Uche, Abdullahi, Yusuf',
    'Chioma, Ngozi, Adaeze, Funmilayo, Aisha, Zainab, Amaka, Folake, Yetunde, Nneka, Ifeoma, Halima, Bisi, Kemi, Titilayo, Chiamaka',
    'Temitope, Tobi, Ayo, Dayo',
    'Okafor, Adeyemi, Ogunleye, Eze, Nwosu, Bello, Abubakar, Okonkwo, Balogun, Ibrahim, Adebayo, Okeke, Olawale, Uzor, Danjuma, Ogbu, Adewale, Nnamdi, Afolabi, Obi',
  ),
  KE: names(
    'Brian, Kevin, Dennis, Collins, Kiprop, Otieno, Kamau, Omondi, Kipchoge, Baraka, Juma, Odhiambo, Njoroge, Kibet, Wekesa, Mutua',
    'Wanjiru, Akinyi, Achieng, Nyambura, Wambui, Atieno, Njeri, Chebet, Jepkosgei, Moraa, Zawadi, Nekesa, Auma, Wairimu, Nafula, Kerubo',
    'Amani, Nuru, Imani',
    'Mwangi, Otieno, Kamau, Odhiambo, Njoroge, Kariuki, Ochieng, Wanjala, Kiplagat, Cheruiyot, Mutua, Onyango, Kimani, Maina, Wafula, Barasa, Koech, Ndungu',
  ),
  ZA: names(
    'Thabo, Sipho, Bongani, Lwazi, Themba, Kagiso, Johan, Pieter, Ruan, Jacques, Liam, Ethan, Andile, Mandla, Siyabonga, Tshepo',
    'Nomsa, Thandiwe, Zanele, Naledi, Palesa, Lindiwe, Busisiwe, Chantelle, Annelie, Marike, Megan, Jessica, Refilwe, Nandi, Nompumelelo, Precious',
    'Lerato, Ayanda, Karabo, Anele, Lesedi',
    'Nkosi, Dlamini, Ndlovu, Khumalo, Mokoena, Mthembu, Zulu, Mahlangu, Botha, van der Merwe, Pretorius, Venter, Naidoo, Pillay, Smith, Nel, du Plessis, Molefe, Sithole, Mabaso',
  ),
  AU: names(
    'Oliver, Noah, Jack, William, Leo, Lucas, Thomas, Henry, James, Ethan, Lachlan, Cooper, Mitchell, Josh, Liam, Hamish, Angus',
    'Charlotte, Amelia, Isla, Olivia, Mia, Ava, Grace, Chloe, Matilda, Zoe, Ruby, Sienna, Georgia, Jessica, Emily, Hannah',
    'Riley, Jordan, Alex, Sam, Charlie, Jesse, Harley, Kai',
    "Smith, Jones, Williams, Taylor, Wilson, Nguyen, Johnson, Martin, Anderson, Thompson, Kelly, Ryan, Campbell, Mitchell, Murphy, O'Brien, Stewart, Harris, Lee, Robinson",
  ),
  NZ: names(
    'Oliver, Jack, Noah, Leo, George, Lucas, Charlie, William, Hunter, Nikau, Tama, Wiremu, Mason, Finn, Hamish, Rawiri',
    'Isla, Charlotte, Amelia, Olivia, Mia, Sophie, Ruby, Aroha, Mere, Kaia, Anahera, Hazel, Grace, Emily, Zoe, Moana',
    'Ari, Sam, Alex, Jordan',
    'Smith, Wilson, Williams, Taylor, Anderson, Thompson, Ngata, Tipene, Parata, Te Aho, Campbell, Stewart, Harris, Robinson, Kerr, Scott, Patel, Henare, Walsh, Morgan',
  ),
};
